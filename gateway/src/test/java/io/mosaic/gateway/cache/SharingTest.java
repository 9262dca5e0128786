package io.mosaic.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.fetch.CachingHeaders;
import io.mosaic.gateway.fetch.SentHeaders;
import io.mosaic.manifest.Forwarding;
import io.mosaic.manifest.QuerySelection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Who may join whose fetch, and who may take its answer: never another user's, unless it says public. */
class SharingTest {

    static final String URL = "http://nav/fragment";
    static final Forwarding FORWARD = new Forwarding(QuerySelection.ALL, List.of("sid"), List.of("X-Forwarded-User"));

    /** What a page fetch on {@code page} sends: the language, a request id, and these headers (name, value, ...). */
    static SentHeaders sent(String page, String requestId, String... headers) {
        Map<String, String> forwarded = new HashMap<>(Map.of("accept-language", "en", "x-request-id", requestId));
        for (int i = 0; i < headers.length; i += 2) {
            forwarded.put(headers[i], headers[i + 1]);
        }
        return new SentHeaders(page, "/fragments/nav", forwarded);
    }

    static Reuse reuse(String cacheControl, String vary, SentHeaders fetcher) {
        return Reuse.decide(new CachingHeaders(cacheControl, null, null, null, null, null, vary), Duration.ZERO,
                Duration.ofMinutes(10), FORWARD, fetcher.carriesCredentials());
    }

    final SentHeaders anonymous = sent("/admin", "1");
    final SentHeaders alice = sent("/admin", "2", "cookie", "sid=alice");
    final SentHeaders aliceAgain = sent("/admin", "3", "cookie", "sid=alice", "traceparent", "00-1-2-01", "tracestate", "a=b");
    final SentHeaders aliceElsewhere = sent("/admin/billing", "4", "cookie", "sid=alice");
    final SentHeaders aliceInGerman = sent("/admin", "5", "cookie", "sid=alice", "accept-language", "de");
    final SentHeaders bob = sent("/admin", "6", "cookie", "sid=bob");

    @Test
    void requestsThatDifferOnlyInIdsAndTracesAreOneRequestToTheOrigin() {
        assertThat(alice.sameRequestAs(aliceAgain)).isTrue();
        assertThat(aliceAgain.sameRequestAs(alice)).isTrue();
        assertThat(Sharing.exactKey(URL, alice)).isEqualTo(Sharing.exactKey(URL, aliceAgain));
        assertThat(alice.sameRequestAs(aliceElsewhere)).isFalse();
        assertThat(alice.sameRequestAs(bob)).isFalse();
        assertThat(anonymous.sameRequestAs(alice)).as("a header more").isFalse();
        assertThat(alice.sameRequestAs(anonymous)).as("a header fewer").isFalse();
    }

    @Test
    void aUsersCredentialsAreTheForwardedCookiesAndDeclaredCredentialAndIdentityHeaders() {
        assertThat(anonymous.credentials()).isEmpty();
        assertThat(anonymous.carriesCredentials()).isFalse();
        SentHeaders signedIn = sent("/admin", "7", "cookie", "sid=a", "x-forwarded-user", "alice",
                "x-auth-request-access-token", "t", "authorization", "Bearer x", "x-tenant", "blue");
        assertThat(signedIn.credentials()).isEqualTo(
                "authorization=Bearer x\ncookie=sid=a\nx-auth-request-access-token=t\nx-forwarded-user=alice");
        assertThat(sent("/admin", "8", "x-forwarded-user", "alice").carriesCredentials()).isTrue();
        assertThat(sent("/admin", "9", "x-tenant", "blue").carriesCredentials()).as("not a credential").isFalse();
    }

    @Test
    void aRequestNeverJoinsTheFetchOfAnotherUserUnderAnyKey() {
        String variant = Variants.key(URL, List.of(), alice);
        assertThat(Sharing.variantKey(variant, alice)).isEqualTo(Sharing.variantKey(variant, aliceElsewhere))
                .isNotEqualTo(Sharing.variantKey(variant, bob))
                .isNotEqualTo(Sharing.variantKey(variant, anonymous));
        assertThat(Sharing.exactKey(URL, alice)).isNotEqualTo(Sharing.exactKey(URL, bob));
        assertThat(Sharing.variantKey(variant, anonymous)).as("anonymous traffic keys as before").isEqualTo(variant);
    }

    @Test
    void aPrivateNoStoreOrVaryStarAnswerServesOnlyTheRequestsIdenticalToTheFetchers() {
        for (Reuse never : List.of(reuse("private, max-age=60", null, alice), reuse("no-store", null, alice),
                reuse("max-age=60", "*", alice))) {
            assertThat(Sharing.serves(alice, never, aliceAgain)).isTrue();
            assertThat(Sharing.serves(alice, never, aliceElsewhere)).isFalse();
            assertThat(Sharing.serves(alice, never, bob)).isFalse();
        }
        assertThat(Sharing.serves(anonymous, reuse("no-store", null, anonymous), sent("/admin", "10"))).isTrue();
    }

    @Test
    void aStorableAnswerServesAWaiterUnlessItVariesOnAHeaderTheyDifferOn() {
        Reuse perPage = reuse("no-cache", "X-Page-Path", alice);
        assertThat(Sharing.serves(alice, perPage, aliceElsewhere)).isFalse();
        assertThat(Sharing.serves(alice, perPage, aliceInGerman)).isTrue();
        Reuse perLanguage = reuse("max-age=60", "Accept-Language", alice);
        assertThat(Sharing.serves(alice, perLanguage, aliceInGerman)).isFalse();
        assertThat(Sharing.serves(alice, perLanguage, aliceElsewhere)).isTrue();
        Reuse uncached = reuse(null, null, alice);
        assertThat(Sharing.serves(alice, uncached, aliceElsewhere)).as("an origin that does not cache: per page").isFalse();
    }

    @Test
    void anAnswerServesOtherCredentialsOnlyWhenItSaysPublicOrSMaxAge() {
        assertThat(Sharing.serves(alice, reuse("max-age=60", null, alice), bob)).isFalse();
        assertThat(Sharing.serves(anonymous, reuse("max-age=60", null, anonymous), alice)).isFalse();
        assertThat(Sharing.serves(alice, reuse("max-age=60", null, alice), aliceElsewhere)).isTrue();
        assertThat(Sharing.serves(alice, reuse("public, max-age=60", null, alice), bob)).isTrue();
        assertThat(Sharing.serves(alice, reuse("s-maxage=60", null, alice), anonymous)).isTrue();
    }

    /** A fetch's answer as the resolver shares it: what it sent, what the answer said. */
    record Answer(String text, SentHeaders sentBy, Reuse reuse) {
    }

    @Test
    void joinedUnderTheVariantsKeyAWaiterTheAnswerDoesNotServeFetchesItsOwn() {
        InFlight<Answer> inFlight = new InFlight<>();
        AtomicInteger fetches = new AtomicInteger();
        String variant = Sharing.variantKey(Variants.key(URL, List.of(), alice), alice);
        java.util.function.Function<SentHeaders, Mono<Answer>> page = sent -> {
            java.util.function.Supplier<Mono<Answer>> fetch = () -> Mono.delay(Duration.ofMillis(200))
                    .map(tick -> new Answer("for " + sent.pagePath() + " #" + fetches.incrementAndGet(), sent,
                            reuse("private", null, sent)));
            return inFlight.join(variant, fetch, answer -> Sharing.serves(answer.sentBy(), answer.reuse(), sent),
                    () -> inFlight.join(Sharing.exactKey(URL, sent), fetch));
        };
        var answers = Mono.zip(page.apply(alice), page.apply(aliceAgain), page.apply(aliceElsewhere))
                .block(Duration.ofSeconds(5));
        assertThat(answers.getT1().text()).isEqualTo("for /admin #1");
        assertThat(answers.getT2()).as("the same request: the same answer").isSameAs(answers.getT1());
        assertThat(answers.getT3().text()).as("another page: its own fetch").isEqualTo("for /admin/billing #2");
        assertThat(fetches).hasValue(2);
        assertThat(inFlight.size()).isZero();
    }
}
