package io.mosaic.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.fetch.CachingHeaders;
import io.mosaic.manifest.Forwarding;
import io.mosaic.manifest.QuerySelection;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long an answer may be reused, by RFC 9111 and RFC 5861, read from its headers. */
class ReuseTest {

    static final Duration STALE_FOR = Duration.ofMinutes(10);

    static Reuse of(String cacheControl) {
        return of(new CachingHeaders(cacheControl, null, null, null, null, null, null), Duration.ZERO, false);
    }

    static Reuse of(CachingHeaders headers, Duration cacheFor, boolean credentials) {
        return Reuse.decide(headers, cacheFor, STALE_FOR, Forwarding.DEFAULT, credentials);
    }

    static long seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds();
    }

    @Test
    void maxAgeSetsFreshnessAndSMaxAgeWinsForASharedCache() {
        assertThat(seconds(of("max-age=30").freshNanos())).isEqualTo(30);
        assertThat(seconds(of("max-age=30, s-maxage=5").freshNanos())).isEqualTo(5);
        assertThat(seconds(of("MAX-AGE=\"7\"").freshNanos())).isEqualTo(7);
    }

    @Test
    void ageAlreadySpentUpstreamIsSubtracted() {
        Reuse reuse = of(new CachingHeaders("max-age=30", null, null, "20", null, null, null), Duration.ZERO, false);
        assertThat(seconds(reuse.freshNanos())).isEqualTo(10);
    }

    @Test
    void expiresMinusDateWhenThereIsNoMaxAge() {
        ZonedDateTime date = ZonedDateTime.now();
        String now = DateTimeFormatter.RFC_1123_DATE_TIME.format(date);
        String later = DateTimeFormatter.RFC_1123_DATE_TIME.format(date.plusSeconds(40));
        Reuse reuse = of(new CachingHeaders(null, later, now, null, null, null, null), Duration.ZERO, false);
        assertThat(seconds(reuse.freshNanos())).isEqualTo(40);
        Reuse invalid = of(new CachingHeaders(null, "0", now, null, null, null, null), Duration.ofMinutes(5), false);
        assertThat(invalid.freshNanos()).as("an invalid Expires is already expired").isZero();
    }

    @Test
    void noStorePrivateAndVaryStarAreNeverStored() {
        assertThat(of("no-store").stored()).isFalse();
        assertThat(of("private, max-age=60").stored()).isFalse();
        assertThat(of("private=\"Set-Cookie\", max-age=60").stored()).isFalse();
        assertThat(of(new CachingHeaders("max-age=60", null, null, null, null, null, "*"), Duration.ZERO, false).stored()).isFalse();
    }

    @Test
    void noCacheIsStoredButNeverFreshNorServedStale() {
        Reuse reuse = of("no-cache, max-age=60, stale-if-error=600");
        assertThat(reuse.stored()).isTrue();
        assertThat(reuse.freshNanos()).isZero();
        assertThat(reuse.staleIfErrorNanos()).isZero();
        assertThat(reuse.staleWhileRevalidateNanos()).isZero();
    }

    @Test
    void staleWindowsComeFromTheAnswerElseTheManifest() {
        Reuse reuse = of("max-age=2, stale-while-revalidate=30, stale-if-error=90");
        assertThat(seconds(reuse.staleWhileRevalidateNanos())).isEqualTo(30);
        assertThat(seconds(reuse.staleIfErrorNanos())).isEqualTo(90);
        assertThat(seconds(reuse.keptNanos())).isEqualTo(92);
        assertThat(seconds(of("max-age=2").staleIfErrorNanos())).isEqualTo(STALE_FOR.toSeconds());
        assertThat(of("max-age=2").staleWhileRevalidateNanos()).isZero();
        assertThat(of("max-age=2, must-revalidate, stale-if-error=90").staleIfErrorNanos()).isZero();
        assertThat(of("s-maxage=2, stale-while-revalidate=30").staleWhileRevalidateNanos())
                .as("s-maxage implies proxy-revalidate").isZero();
    }

    @Test
    void theManifestsCacheForAppliesOnlyWhenTheOriginSendsNoCachingHeaders() {
        assertThat(seconds(of(CachingHeaders.NONE, Duration.ofSeconds(45), false).freshNanos())).isEqualTo(45);
        assertThat(of(new CachingHeaders("stale-if-error=60", null, null, null, null, null, null), Duration.ofSeconds(45), false)
                .freshNanos()).as("the origin spoke: no max-age means no freshness").isZero();
        assertThat(of(CachingHeaders.NONE, Duration.ZERO, false).freshNanos()).isZero();
    }

    @Test
    void aRequestWithCredentialsSharesItsAnswerOnlyWhenTheOriginSaysSo() {
        Reuse own = of(new CachingHeaders("max-age=60", null, null, null, null, null, "X-Page-Path"), Duration.ZERO, true);
        assertThat(own.freshNanos()).isZero();
        assertThat(own.shareable()).isFalse();
        assertThat(own.keyNames()).as("its Vary, as for anyone: the user's copy is kept apart by Sharing").containsExactly("x-page-path");
        Reuse declared = of(new CachingHeaders("public, max-age=60", null, null, null, null, null, null), Duration.ZERO, true);
        assertThat(seconds(declared.freshNanos())).isEqualTo(60);
        assertThat(declared.shareable()).isTrue();
        assertThat(of("s-maxage=60").shareable()).isTrue();
        assertThat(of("max-age=60").shareable()).as("anonymous requests' answer, not declared for users").isFalse();
    }

    @Test
    void variantsOfAnOriginThatDoesNotCacheAreKeptPerPageLanguageAndDeclaredHeaders() {
        Forwarding forward = new Forwarding(QuerySelection.ALL, List.of("session"), List.of("X-Tenant"));
        Reuse cautious = Reuse.decide(CachingHeaders.NONE, Duration.ZERO, STALE_FOR, forward, false);
        assertThat(cautious.keyNames()).containsExactly("accept-language", "cookie", "x-page-path", "x-tenant");
        Reuse caching = Reuse.decide(new CachingHeaders("max-age=60", null, null, null, null, null, "X-Tenant, Accept-Language"),
                Duration.ZERO, STALE_FOR, forward, false);
        assertThat(caching.keyNames()).containsExactly("accept-language", "x-tenant");
        assertThat(of("max-age=1").keyNames()).isEmpty();
    }

    @Test
    void anAnswerWithValidatorsIsKeptToBeRevalidated() {
        Reuse reuse = of(new CachingHeaders("no-cache", null, null, null, "\"v1\"", null, null), Duration.ZERO, false);
        assertThat(reuse.freshNanos()).isZero();
        assertThat(seconds(reuse.keptNanos())).isEqualTo(STALE_FOR.toSeconds());
    }
}
