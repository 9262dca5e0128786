package io.mosaic.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.fetch.CachingHeaders;
import io.mosaic.gateway.fetch.FetchedBody;
import io.mosaic.gateway.fetch.SentHeaders;
import io.mosaic.gateway.html.ParsedFragment;
import io.mosaic.manifest.Forwarding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The store of fragment answers: bounded per fragment, so one fragment's flood of queries cannot
 * flush another's, bounded in bytes, and keyed by variant.
 */
class FragmentCacheTest {

    static final Duration TEN_MINUTES = Duration.ofMinutes(10);
    static final SentHeaders ON_DASHBOARD = new SentHeaders("/admin", "/fragments/nav", Map.of("accept-language", "en"));
    static final SentHeaders ON_BILLING = new SentHeaders("/admin/billing", "/fragments/nav", Map.of("accept-language", "en"));

    /** An answer of {@code text} with these caching headers, as stored just now. */
    static Stored answer(String text, CachingHeaders headers, Duration staleFor) {
        return answer(text, headers, staleFor, false);
    }

    /** The same, fetched by a request that carried credentials or not. */
    static Stored answer(String text, CachingHeaders headers, Duration staleFor, boolean credentials) {
        byte[] bytes = ("<p>" + text + "</p>").getBytes(StandardCharsets.UTF_8);
        FetchedBody body = new FetchedBody(200, bytes, StandardCharsets.UTF_8, Duration.ofMillis(1), null, headers);
        Reuse reuse = Reuse.decide(headers, Duration.ZERO, staleFor, Forwarding.DEFAULT, credentials);
        return new Stored(body, new ParsedFragment("<p>" + text + "</p>", List.of()), 0, headers, reuse, System.nanoTime());
    }

    static Stored lastGood(String text) {
        return answer(text, CachingHeaders.NONE, TEN_MINUTES);
    }

    static Stored maxAge(String text, String cacheControl, String vary) {
        return answer(text, new CachingHeaders(cacheControl, null, null, null, null, null, vary), TEN_MINUTES);
    }

    @Test
    void aFloodOfDistinctQueriesKeepsOnlyTheMostRecentVariantsOfThatFragment() {
        FragmentCache cache = new FragmentCache(32L * 1024 * 1024, 64);
        cache.store("audit", "http://audit/fragment", ON_DASHBOARD, lastGood("audit"));
        for (int i = 0; i < 5_000; i++) {
            cache.store("members", "http://members/fragment?q=" + i, ON_DASHBOARD, lastGood("result " + i));
        }
        assertThat(cache.variants("members")).isEqualTo(64);
        assertThat(cache.lookup("members", "http://members/fragment?q=4999", ON_DASHBOARD)).isNotNull();
        assertThat(cache.lookup("members", "http://members/fragment?q=4936", ON_DASHBOARD)).isNotNull();
        assertThat(cache.lookup("members", "http://members/fragment?q=4935", ON_DASHBOARD)).isNull();
        assertThat(cache.lookup("audit", "http://audit/fragment", ON_DASHBOARD).content().html()).isEqualTo("<p>audit</p>");
    }

    @Test
    void overTheByteBudgetTheFragmentHoldingMostGivesUpItsOwnOldestVariantsFirst() {
        String big = "x".repeat(4_000);
        // Room for about 20 answers of 12 KB in all: one fragment's 64 variants would not fit.
        FragmentCache cache = new FragmentCache(256 * 1024, 64);
        cache.store("audit", "http://audit/fragment", ON_DASHBOARD, lastGood(big));
        cache.store("billing", "http://billing/fragment", ON_DASHBOARD, lastGood(big));
        for (int i = 0; i < 3_000; i++) {
            cache.store("members", "http://members/fragment?q=" + i, ON_DASHBOARD, lastGood(big + i));
        }
        assertThat(cache.bytes()).isLessThanOrEqualTo(256 * 1024);
        assertThat(cache.lookup("audit", "http://audit/fragment", ON_DASHBOARD)).isNotNull();
        assertThat(cache.lookup("billing", "http://billing/fragment", ON_DASHBOARD)).isNotNull();
        assertThat(cache.lookup("members", "http://members/fragment?q=2999", ON_DASHBOARD)).isNotNull();
        assertThat(cache.variants("members")).isBetween(1, 20);
    }

    @Test
    void anAnswerPastEveryWindowIsGone() throws Exception {
        FragmentCache cache = new FragmentCache(1024 * 1024, 64);
        cache.store("audit", "http://audit/fragment", ON_DASHBOARD, answer("audit", CachingHeaders.NONE, Duration.ofMillis(50)));
        assertThat(cache.lookup("audit", "http://audit/fragment", ON_DASHBOARD)).isNotNull();
        Thread.sleep(80);
        assertThat(cache.lookup("audit", "http://audit/fragment", ON_DASHBOARD)).isNull();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void anAnswerFromAnOriginThatDoesNotCacheIsKeptPerPage() {
        FragmentCache cache = new FragmentCache(1024 * 1024, 64);
        cache.store("nav", "http://nav/", ON_BILLING, lastGood("Billing is current"));
        assertThat(cache.lookup("nav", "http://nav/", ON_BILLING).content().html()).contains("Billing");
        assertThat(cache.lookup("nav", "http://nav/", ON_DASHBOARD)).as("another page's copy").isNull();
    }

    @Test
    void anAnswerWithCacheControlIsSharedAcrossPagesUnlessItVariesOnThePage() {
        FragmentCache cache = new FragmentCache(1024 * 1024, 64);
        cache.store("footer", "http://footer/", ON_BILLING, maxAge("footer", "max-age=60", null));
        assertThat(cache.lookup("footer", "http://footer/", ON_DASHBOARD)).isNotNull();

        cache.store("nav", "http://nav/", ON_BILLING, maxAge("Billing is current", "max-age=60", "X-Page-Path"));
        assertThat(cache.lookup("nav", "http://nav/", ON_DASHBOARD)).isNull();
        assertThat(cache.lookup("nav", "http://nav/", ON_BILLING)).isNotNull();

        SentHeaders german = new SentHeaders("/admin/billing", "/fragments/nav", Map.of("accept-language", "de"));
        cache.store("greeting", "http://greeting/", ON_BILLING, maxAge("Hello", "max-age=60", "Accept-Language"));
        assertThat(cache.lookup("greeting", "http://greeting/", german)).isNull();
        assertThat(cache.lookup("greeting", "http://greeting/", ON_DASHBOARD)).isNotNull();
    }

    static SentHeaders as(String cookie) {
        return new SentHeaders("/admin", "/fragments/nav", Map.of("accept-language", "en", "cookie", cookie));
    }

    static Stored signedIn(String text, String cacheControl) {
        return answer(text, new CachingHeaders(cacheControl, null, null, null, null, null, null), TEN_MINUTES, true);
    }

    @Test
    void anAnswerFetchedWithCredentialsIsFoundOnlyWithTheSameUnlessItIsPublic() {
        FragmentCache cache = new FragmentCache(1024 * 1024, 64);
        cache.store("inbox", "http://inbox/", as("sid=alice"), signedIn("Alice's mail", "max-age=60, stale-if-error=60"));
        assertThat(cache.lookup("inbox", "http://inbox/", as("sid=alice")).content().html()).contains("Alice");
        assertThat(cache.lookup("inbox", "http://inbox/", as("sid=bob"))).as("another user").isNull();
        assertThat(cache.lookup("inbox", "http://inbox/", ON_DASHBOARD)).as("an anonymous request").isNull();

        cache.store("news", "http://news/", as("sid=alice"), signedIn("News for all", "public, max-age=60"));
        assertThat(cache.lookup("news", "http://news/", as("sid=bob"))).isNotNull();
        assertThat(cache.lookup("news", "http://news/", ON_DASHBOARD)).isNotNull();
    }

    @Test
    void anAnonymousAnswerIsSharedByAnonymousRequestsAndASignedInUserKeepsTheirOwnBesideIt() {
        FragmentCache cache = new FragmentCache(1024 * 1024, 64);
        cache.store("nav", "http://nav/", ON_DASHBOARD, maxAge("Sign in", "max-age=60", null));
        assertThat(cache.lookup("nav", "http://nav/", ON_BILLING)).isNotNull();
        assertThat(cache.lookup("nav", "http://nav/", as("sid=alice"))).as("not declared public: not for a user").isNull();

        cache.store("nav", "http://nav/", as("sid=alice"), signedIn("Hello Alice", "max-age=60"));
        assertThat(cache.lookup("nav", "http://nav/", as("sid=alice")).content().html()).contains("Alice");
        assertThat(cache.lookup("nav", "http://nav/", ON_DASHBOARD).content().html()).contains("Sign in");

        cache.forget("nav", "http://nav/", as("sid=alice"));
        assertThat(cache.lookup("nav", "http://nav/", as("sid=alice"))).isNull();
        assertThat(cache.lookup("nav", "http://nav/", ON_DASHBOARD)).as("Alice's answer says nothing of others'").isNotNull();
    }
}
