package io.mosaic.gateway.plan;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mosaic.manifest.BulkheadSettings;
import io.mosaic.manifest.CircuitBreakerSettings;

/**
 * Makes a fragment's circuit breakers and bulkheads from its manifest settings, for its page
 * fetches and for its proxy routes. The plan asks for them when a fragment's settings or origin
 * change, keeps them across reloads otherwise, and puts them in the state an admin holds them in
 * ({@link PlanCompiler#hold}); what counts as a failure, and how a fetch is put under them, is
 * the implementation's (the resolver's {@code Resilience}).
 */
public interface Guards {

    /** A new breaker named {@code name}, configured by {@code settings}. */
    CircuitBreaker breaker(String name, CircuitBreakerSettings settings);

    /** A new bulkhead named {@code name}, configured by {@code settings}. */
    Bulkhead bulkhead(String name, BulkheadSettings settings);
}
