package io.mosaic.gateway.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.fetch.FetchFailure;
import io.mosaic.gateway.html.ParsedFragment;
import io.mosaic.gateway.resolve.FragmentOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The console's rolling state per fragment, on a clock the test moves. */
class ObservationsTest {

    final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    final Observations observations = new Observations(now::get);

    void fresh(String name, int millis) {
        observations.record(new FragmentOutcome.Fresh(name, ParsedFragment.empty(), Duration.ofMillis(millis)));
    }

    void failed(String name, FetchFailure.Kind kind) {
        observations.record(new FragmentOutcome.Failed(name, new FetchFailure(kind, "answered 503", 503, null, null)));
    }

    @Test
    void storedAnswersCountTowardsTheCacheHitRateButNotTheLatency() {
        fresh("nav", 40);
        for (int i = 0; i < 3; i++) {
            observations.record(new FragmentOutcome.Fresh("nav", ParsedFragment.empty(), Duration.ZERO, FragmentOutcome.CacheUse.HIT));
        }
        ActivitySnapshot nav = observations.snapshot("nav");
        assertThat(nav.calls()).isEqualTo(4);
        assertThat(nav.cacheHitRate()).isEqualTo(0.75);
        assertThat(nav.p50Millis()).as("hits took no fetch").isEqualTo(40.0);
        assertThat(observations.recent("nav").get(0).reason()).isEqualTo("cache hit");
        fresh("footer", 5);
        assertThat(observations.snapshot("footer").cacheHitRate()).as("no caching in play").isNull();
    }

    @Test
    void percentilesAndErrorRateCoverTheLastMinute() {
        for (int ms = 1; ms <= 100; ms++) {
            fresh("nav", ms);
        }
        failed("nav", FetchFailure.Kind.SERVER_ERROR);
        ActivitySnapshot nav = observations.snapshot("nav");
        assertThat(nav.calls()).isEqualTo(101);
        assertThat(nav.failures()).isEqualTo(1);
        assertThat(nav.errorRate()).isEqualTo(1 / 101.0);
        // 64 samples of the second's 100 are kept: the percentiles are estimates within the range.
        assertThat(nav.p50Millis()).isBetween(20.0, 80.0);
        assertThat(nav.p95Millis()).isGreaterThan(nav.p50Millis()).isLessThanOrEqualTo(100.0);
        assertThat(nav.lastFailureReason()).isEqualTo("server error");
        assertThat(nav.lastFailure()).contains("answered 503");
        assertThat(nav.sparkline()).hasSize(60);
        assertThat(nav.sparkline().get(59)).isNotNull();
        assertThat(nav.sparkline().get(58)).isNull();
    }

    @Test
    void secondsOlderThanAMinuteDropOutButTheLastFailureStays() {
        fresh("nav", 10);
        failed("nav", FetchFailure.Kind.TIMEOUT);
        now.addAndGet(30_000);
        fresh("nav", 30);
        fresh("nav", 30);
        assertThat(observations.snapshot("nav").calls()).isEqualTo(4);
        assertThat(observations.snapshot("nav").sparkline().get(29)).isEqualTo(10.0);
        now.addAndGet(31_000);
        ActivitySnapshot later = observations.snapshot("nav");
        assertThat(later.calls()).isEqualTo(2);
        assertThat(later.failures()).isZero();
        assertThat(later.p50Millis()).isEqualTo(30.0);
        assertThat(later.lastFailureReason()).isEqualTo("timeout");
    }

    @Test
    void aFragmentNeverResolvedHasEmptyFigures() {
        ActivitySnapshot none = observations.snapshot("never");
        assertThat(none.calls()).isZero();
        assertThat(none.p50Millis()).isNull();
        assertThat(none.lastFailureAt()).isNull();
        assertThat(none.errorRate()).isZero();
    }

    @Test
    void aCallTheBreakerRefusedCountsButTheLastFailureStaysTheOriginsOwn() {
        failed("nav", FetchFailure.Kind.CONNECT);
        observations.record(new FragmentOutcome.Failed("nav", new FetchFailure(FetchFailure.Kind.BREAKER_OPEN, "open")));
        ActivitySnapshot nav = observations.snapshot("nav");
        assertThat(nav.failures()).isEqualTo(2);
        assertThat(nav.lastFailureReason()).isEqualTo("connection refused");
    }

    @Test
    void theRecentOutcomesAreListedNewestFirstWithStateReasonAndLatency() {
        fresh("nav", 12);
        now.addAndGet(1_000);
        observations.record(new FragmentOutcome.Stale("nav", ParsedFragment.empty(), Duration.ofSeconds(5),
                new FetchFailure(FetchFailure.Kind.TIMEOUT, "no complete answer within 800ms")));
        now.addAndGet(1_000);
        observations.record(new FragmentOutcome.Fallback("nav", ParsedFragment.empty(),
                new FetchFailure(FetchFailure.Kind.BREAKER_OPEN, "circuit breaker is open")));
        List<RecentOutcome> recent = observations.recent("nav");
        assertThat(recent).extracting(RecentOutcome::state)
                .containsExactly(FragmentOutcome.State.FALLBACK, FragmentOutcome.State.STALE, FragmentOutcome.State.OK);
        assertThat(recent).extracting(RecentOutcome::reason).containsExactly("breaker open", "timeout", null);
        assertThat(recent).extracting(RecentOutcome::detail)
                .containsExactly("circuit breaker is open", "no complete answer within 800ms", null);
        assertThat(recent).extracting(RecentOutcome::latencyMillis).containsExactly(null, null, 12.0);
        assertThat(recent.get(0).at()).isEqualTo(Instant.ofEpochMilli(now.get()));
        assertThat(recent.get(2).at()).isEqualTo(Instant.ofEpochMilli(now.get() - 2_000));
        assertThat(observations.recent("never")).isEmpty();
    }

    @Test
    void theRecentOutcomesKeepOnlyTheLastTwenty() {
        for (int ms = 1; ms <= 45; ms++) {
            fresh("nav", ms);
        }
        failed("nav", FetchFailure.Kind.SERVER_ERROR);
        List<RecentOutcome> recent = observations.recent("nav");
        assertThat(recent).hasSize(20);
        assertThat(recent.get(0).state()).isEqualTo(FragmentOutcome.State.ERROR);
        assertThat(recent.get(0).reason()).isEqualTo("server error (HTTP 503)");
        // The 45 fresh ones, newest first, down to the 26th: the older ones were overwritten.
        assertThat(recent.subList(1, 20)).extracting(RecentOutcome::latencyMillis)
                .containsExactly(IntStream.rangeClosed(27, 45).map(i -> 72 - i).mapToObj(i -> (double) i).toArray(Double[]::new));
    }

    @Test
    void fragmentsAreKeptApart() {
        fresh("a", 5);
        failed("b", FetchFailure.Kind.TIMEOUT);
        assertThat(observations.snapshot("a").failures()).isZero();
        assertThat(observations.snapshot("b").calls()).isEqualTo(1);
    }
}
