package io.mosaic.gateway.resolve;

import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mosaic.gateway.fetch.FetchFailure;
import io.mosaic.gateway.fetch.FetchedBody;
import io.mosaic.gateway.fetch.FragmentFetcher;
import io.mosaic.gateway.fetch.FragmentOutcome;
import io.mosaic.gateway.fetch.FragmentQuery;
import io.mosaic.gateway.fetch.RequestContext;
import io.mosaic.gateway.fetch.StaleCopies;
import io.mosaic.gateway.html.FragmentParser;
import io.mosaic.gateway.html.ParsedFragment;
import io.mosaic.gateway.observe.Observations;
import io.mosaic.gateway.plan.FragmentPlan;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Resolves one fragment for one page request into exactly one {@link FragmentOutcome}, as a
 * pipeline: fetch under the deadline → through the breaker and bulkhead → parse (or reuse the
 * parse of identical bytes) → keep as the last good copy; on any failure: the last good copy →
 * the manifest's fallback → an empty, marked box. Never errors: the page always gets an outcome.
 */
public final class FragmentResolver {

    private static final Logger log = LoggerFactory.getLogger(FragmentResolver.class);

    private final FragmentFetcher fetcher;
    private final FragmentParser parser;
    private final ParsedFragments parsed;
    private final StaleCopies staleCopies;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final RefusalLog refusals = new RefusalLog(log::info, java.util.concurrent.TimeUnit.SECONDS.toNanos(10), System::nanoTime);
    /** A name re-pointed at the gateway's own network is worth a warning, still not one per page. */
    private final RefusalLog policyRefusals = new RefusalLog(log::warn, java.util.concurrent.TimeUnit.SECONDS.toNanos(10), System::nanoTime);
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<String, io.micrometer.core.instrument.DistributionSummary> sizes = new ConcurrentHashMap<>();

    private final Observations observations;

    public FragmentResolver(FragmentFetcher fetcher, FragmentParser parser, StaleCopies staleCopies, MeterRegistry meters,
                            Observations observations) {
        this.observations = observations;
        this.fetcher = fetcher;
        this.parser = parser;
        this.parsed = new ParsedFragments(parser, 16L * 1024 * 1024);
        this.staleCopies = staleCopies;
        this.meters = meters;
    }

    /** The outcome of {@code fragment} for this request; {@code primary} when the page's status follows it. */
    public Mono<FragmentOutcome> resolve(FragmentPlan fragment, RequestContext context, boolean primary) {
        URI uri = FragmentQuery.withQuery(fragment.definition().url(), context.rawQuery(), fragment.definition().forward().query());
        // The last good copy is kept per fragment and URL: a search's answer never stands in for another search.
        String copyKey = uri.toString();
        return fetcher.fetch(fragment.definition(), uri, fragment.proxyBase(), context, primary)
                .transformDeferred(CircuitBreakerOperator.of(fragment.breaker()))
                .transformDeferred(BulkheadOperator.of(fragment.bulkhead()))
                .map(body -> fresh(fragment, copyKey, body))
                .onErrorResume(error -> Mono.just(instead(fragment, copyKey,
                        FetchFailure.of(error, fragment.definition().timeout()), primary)))
                .doOnNext(outcome -> record(fragment, outcome, context.requestId()));
    }

    private FragmentOutcome fresh(FragmentPlan fragment, String copyKey, FetchedBody body) {
        ParsedFragment content = parsed.parse(fragment, body);
        staleCopies.put(fragment.name(), copyKey, content, fragment.definition().staleFor());
        observations.version(fragment.name(), body.version());
        sizes.computeIfAbsent(fragment.name(), name -> io.micrometer.core.instrument.DistributionSummary
                .builder("mosaic.fragment.bytes").description("Size of fragments' fresh answers").baseUnit("bytes")
                .tag("fragment", name).register(meters)).record(body.bytes().length);
        return new FragmentOutcome.Fresh(fragment.name(), content, body.latency());
    }

    private FragmentOutcome instead(FragmentPlan fragment, String copyKey, FetchFailure failure, boolean primary) {
        boolean gone = failure.status() == 404 || failure.status() == 410;
        if (gone && primary && failure.body() != null && failure.body().length > 0) {
            // The origin's own "not found" page says more than any fallback could.
            String html = new String(failure.body(), StandardCharsets.UTF_8);
            return new FragmentOutcome.Fallback(fragment.name(), parser.parse(html, fragment.urls(), fragment.definition().trust()), failure);
        }
        // An operator who forced the breaker open took the fragment off the pages: not even its last copy shows.
        boolean takenOff = fragment.breaker().getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.FORCED_OPEN;
        if (!gone && !takenOff && failure.kind() != FetchFailure.Kind.CLIENT_ERROR) {
            Optional<StaleCopies.Aged> copy = staleCopies.get(fragment.name(), copyKey);
            if (copy.isPresent()) {
                return new FragmentOutcome.Stale(fragment.name(), copy.get().content(), copy.get().age(), failure);
            }
        }
        if (fragment.fallback() != null) {
            return new FragmentOutcome.Fallback(fragment.name(), fragment.fallback(), failure);
        }
        return new FragmentOutcome.Failed(fragment.name(), failure);
    }

    private void record(FragmentPlan fragment, FragmentOutcome outcome, String requestId) {
        observations.record(outcome);
        FetchFailure failure = outcome.failure();
        String reason = failure == null ? "none" : failure.kind().label();
        counters.computeIfAbsent(fragment.name() + '\u0000' + outcome.state() + '\u0000' + reason,
                key -> Counter.builder("mosaic.fragment.outcomes")
                        .description("Fragment resolutions by outcome (ok, stale, fallback, error) and failure reason")
                        .tag("fragment", fragment.name()).tag("outcome", outcome.state()).tag("reason", reason)
                        .register(meters)).increment();
        if (outcome instanceof FragmentOutcome.Fresh fresh) {
            latencies.computeIfAbsent(fragment.name(), name -> Timer.builder("mosaic.fragment.latency")
                    .description("Time to fetch a fragment's whole answer from its origin")
                    .tag("fragment", name)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(java.time.Duration.ofMillis(1))
                    .maximumExpectedValue(java.time.Duration.ofSeconds(60))
                    .register(meters)).record(fresh.latency());
            return;
        }
        if (failure.originCalled()) {
            // The page request's id in the line and in the MDC (a JSON log format carries it as a field).
            try (var ignored = org.slf4j.MDC.putCloseable("requestId", requestId)) {
                log.warn("fragment {} ({}): {}; serving {} [request {}]", fragment.name(), fragment.definition().url(), failure,
                        outcome.state(), requestId);
            }
        } else if (failure.kind() == FetchFailure.Kind.ORIGIN_REFUSED) {
            // Its reason (host, address, class) is what the operator needs; a breaker's label says it all.
            policyRefusals.refused(fragment.name(), failure.toString(), outcome.state());
        } else {
            refusals.refused(fragment.name(), failure.kind().label(), outcome.state());
        }
    }
}
