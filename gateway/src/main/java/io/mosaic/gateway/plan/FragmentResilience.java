package io.mosaic.gateway.plan;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.mosaic.gateway.fetch.FetchFailure;
import io.mosaic.gateway.origin.OriginRefusedException;
import io.mosaic.manifest.BulkheadSettings;
import io.mosaic.manifest.CircuitBreakerSettings;
import java.time.Duration;

/** A fragment's Resilience4j breaker and bulkhead, configured from the manifest. */
public final class FragmentResilience {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FragmentResilience.class);

    private FragmentResilience() {
    }

    /**
     * A count-based breaker over the last {@code window} calls. 4xx answers are ignored (neither
     * success nor failure) unless {@code countClientErrors}: a 404 says nothing of the origin's health.
     * Neither does a connection the origin policy refused (the origin was never called).
     * Open → half-open happens on the first call after {@code openFor}, so an idle fragment costs nothing.
     */
    public static CircuitBreaker breaker(String name, CircuitBreakerSettings settings) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.minimumCalls())
                .failureRateThreshold(settings.failureRate())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
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
    public static Bulkhead bulkhead(String name, BulkheadSettings settings) {
        return Bulkhead.of(name, BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrent())
                .maxWaitDuration(Duration.ZERO)
                .build());
    }
}
