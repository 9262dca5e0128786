package io.mosaic.gateway.resolve;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mosaic.gateway.fetch.FetchFailure;
import io.mosaic.gateway.fetch.FetchedBody;
import io.mosaic.gateway.plan.FragmentPlan;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts each fragment's outcomes, cache use, fetch latency and answer size in meters, and logs
 * why an origin's answer was not used: once per failed call of the origin, and at most one line
 * per fragment every 10 s for calls refused without calling it ({@link RefusalLog}). Logs as
 * {@link FragmentResolver}, where operators look for these lines.
 */
public final class OutcomeRecorder implements ResolutionListener {

    private static final Logger log = LoggerFactory.getLogger(FragmentResolver.class);
    private static final long REFUSAL_INTERVAL = TimeUnit.SECONDS.toNanos(10);

    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<String, DistributionSummary> sizes = new ConcurrentHashMap<>();
    private final RefusalLog refusals = new RefusalLog(log::info, REFUSAL_INTERVAL, System::nanoTime);
    /** A name re-pointed at the gateway's own network is worth a warning, still not one per page. */
    private final RefusalLog policyRefusals = new RefusalLog(log::warn, REFUSAL_INTERVAL, System::nanoTime);
    /** A background revalidation that failed: the page got its stale answer; one line per fragment every 10 s. */
    private final RefusalLog revalidations = new RefusalLog(log::warn, REFUSAL_INTERVAL, System::nanoTime);

    public OutcomeRecorder(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public void answered(FragmentPlan fragment, FetchedBody body) {
        sizes.computeIfAbsent(fragment.name(), name -> DistributionSummary
                .builder("mosaic.fragment.bytes").description("Size of fragments' fresh answers").baseUnit("bytes")
                .tag("fragment", name).register(meters)).record(body.bytes().length);
    }

    @Override
    public void revalidationFailed(FragmentPlan fragment, FetchFailure failure) {
        revalidations.refused(fragment.name(), "revalidating in the background failed: " + failure,
                FragmentOutcome.CacheUse.STALE.label());
    }

    @Override
    public void resolved(FragmentPlan fragment, FragmentOutcome outcome, String requestId) {
        if (outcome.cache() != null) {
            counters.computeIfAbsent(fragment.name() + "\u0000cache\u0000" + outcome.cache(),
                    key -> Counter.builder("mosaic.fragment.cache")
                            .description("Fragment resolutions by where good content came from: hit (stored, fresh), "
                                    + "miss (fetched), revalidated (stored, confirmed by a 304), stale (stored, past freshness)")
                            .tag("fragment", fragment.name()).tag("result", outcome.cache())
                            .register(meters)).increment();
        }
        FetchFailure failure = outcome.failure();
        String reason = failure == null ? "none" : failure.kind().label();
        String state = outcome.state().id();
        counters.computeIfAbsent(fragment.name() + '\u0000' + state + '\u0000' + reason,
                key -> Counter.builder("mosaic.fragment.outcomes")
                        .description("Fragment resolutions by outcome (ok, stale, fallback, error) and failure reason")
                        .tag("fragment", fragment.name()).tag("outcome", state).tag("reason", reason)
                        .register(meters)).increment();
        if (outcome instanceof FragmentOutcome.Fresh fresh) {
            if (!fresh.fetched()) {
                return; // the origin was not asked: no latency to tell
            }
            latencies.computeIfAbsent(fragment.name(), name -> Timer.builder("mosaic.fragment.latency")
                    .description("Time to fetch a fragment's whole answer from its origin")
                    .tag("fragment", name)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(60))
                    .register(meters)).record(fresh.latency());
            return;
        }
        if (failure.originCalled()) {
            // The page request's id in the line, and in the MDC (set around the outcome, see
            // FragmentResolver.resolve) for a JSON log format to carry it as a field.
            log.warn("fragment {} ({}): {}; serving {} [request {}]", fragment.name(), fragment.definition().url(), failure,
                    state, requestId);
        } else if (failure.kind() == FetchFailure.Kind.ORIGIN_REFUSED) {
            // Its reason (host, address, class) is what the operator needs; a breaker's label says it all.
            policyRefusals.refused(fragment.name(), failure.toString(), state);
        } else {
            refusals.refused(fragment.name(), failure.kind().label(), state);
        }
    }
}
