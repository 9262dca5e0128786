package io.mosaic.manifest;

import java.time.Duration;
import java.util.Objects;

/**
 * When a fragment's circuit breaker opens, and for how long.
 *
 * <p>The breaker counts the last {@code window} calls; once at least {@code minimumCalls} of
 * them were made and {@code failureRate} percent or more failed, it opens: the origin is not
 * called at all for {@code openFor}, the fallback is served at once. Then {@code halfOpenCalls}
 * probes decide whether it closes again. The defaults open after 5 calls at 50 % failures,
 * a window sized for admin-console traffic rather than Resilience4j's 100 calls.
 *
 * @param failureRate percentage of failed calls, 1 to 100, that opens the breaker
 * @param window how many recent calls are counted, 2 to 1000
 * @param minimumCalls calls needed in the window before the rate counts, 1 to {@code window}
 * @param openFor how long the breaker stays open before probing
 * @param halfOpenCalls probes let through when half-open, 1 to 100
 * @param countClientErrors whether 4xx answers count as failures (they get the fallback either way)
 */
public record CircuitBreakerSettings(int failureRate, int window, int minimumCalls, Duration openFor,
                                     int halfOpenCalls, boolean countClientErrors) {

    /** The built-in defaults: 50 % of at least 5 of the last 10 calls opens the breaker for 10 s. */
    public static final CircuitBreakerSettings BUILT_IN =
            new CircuitBreakerSettings(50, 10, 5, Duration.ofSeconds(10), 2, false);

    public CircuitBreakerSettings {
        Objects.requireNonNull(openFor, "openFor");
    }
}
