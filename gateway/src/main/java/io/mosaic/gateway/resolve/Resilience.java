package io.mosaic.gateway.resolve;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.mosaic.gateway.fetch.FetchFailure;
import io.mosaic.gateway.origin.OriginRefusedException;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.plan.Guards;
import io.mosaic.gateway.request.RequestContext;
import io.mosaic.gateway.request.RequestMdc;
import io.mosaic.manifest.BulkheadSettings;
import io.mosaic.manifest.CircuitBreakerSettings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * A fragment's resilience, in one place: its Resilience4j breakers and bulkheads, configured from
 * the manifest (for the plan, see {@link Guards}), and the one chain a page fetch runs under,
 * innermost first:
 * <ol>
 * <li><b>deadline</b>: the fragment's whole timeout (connect, headers, body, and the fetch's one
 *     retry on a keep-alive connection the origin had closed), timed on the page's event loop;</li>
 * <li><b>breaker</b>: records the fetch's end, so a fetch past its deadline counts as a failure,
 *     and refuses at once, without subscribing to the fetch, while open;</li>
 * <li><b>bulkhead</b>: outermost, so a fetch it refuses never reaches the breaker and counts for
 *     nothing, and a fetch the breaker refuses gives its place back at once.</li>
 * </ol>
 */
public final class Resilience implements Guards {

    private static final Logger log = LoggerFactory.getLogger(Resilience.class);

    /**
     * {@code fetch} under {@code fragment}'s deadline, breaker and bulkhead, for the page request
     * {@code context}: the deadline is timed on its event loop, and the breaker logs a transition
     * with its request's id.
     */
    public <T> Mono<T> guard(Mono<T> fetch, FragmentPlan fragment, RequestContext context) {
        return guard(fetch, fragment.definition().timeout(), fragment.breaker(), fragment.bulkhead(), context);
    }

    <T> Mono<T> guard(Mono<T> fetch, Duration deadline, CircuitBreaker breaker, Bulkhead bulkhead, RequestContext context) {
        return fetch
                .timeout(deadline, EventLoopTimer.on(context.loop()))
                // The breaker logs its transitions as it records this fetch: with the (first) requester's id.
                .transform(RequestMdc.around(context.requestId(), context.headers().get("traceparent")))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .transformDeferred(BulkheadOperator.of(bulkhead));
    }

    /**
     * A count-based breaker over the last {@code window} calls. 4xx answers are ignored (neither
     * success nor failure) unless {@code countClientErrors}: a 404 says nothing of the origin's health.
     * Neither does a connection the origin policy refused (the origin was never called).
     * Open → half-open happens on the first call after {@code openFor}, so an idle fragment costs nothing.
     * While it is open or half-open no page waits for the origin: the resolver makes the calls it
     * lets through in the background.
     */
    @Override
    public CircuitBreaker breaker(String name, CircuitBreakerSettings settings) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRate())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                // Every page behind an open breaker is refused with one: no stack trace to fill.
                .writableStackTraceEnabled(false)
                .ignoreException(error -> (error instanceof FetchFailure failure
                        && failure.kind() == FetchFailure.Kind.CLIENT_ERROR && !settings.countClientErrors())
                        || OriginRefusedException.in(error) != null)
                .build();
        CircuitBreaker breaker = CircuitBreaker.of(name, config);
        breaker.getEventPublisher().onStateTransition(event -> log.info("fragment {}: circuit breaker {} -> {}",
                name, event.getStateTransition().getFromState(), event.getStateTransition().getToState()));
        return breaker;
    }

    /** A bulkhead that refuses at once rather than queue: a queued fetch would only miss its deadline. */
    @Override
    public Bulkhead bulkhead(String name, BulkheadSettings settings) {
        return Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrent())
                .maxWaitDuration(Duration.ZERO)
                .build());
    }
}
