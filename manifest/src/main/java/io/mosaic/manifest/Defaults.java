package io.mosaic.manifest;

import io.mosaic.manifest.internal.Rules;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings every fragment inherits unless it overrides them.
 *
 * @param timeout the whole budget of one fragment fetch: connect, headers and the full body
 * @param maxBodySize the largest fragment answer read, in bytes; reading stops at the cap
 * @param staleFor how long the last good copy of a fragment may stand in when the origin fails
 * @param circuitBreaker when to stop calling a failing origin
 * @param bulkhead how many calls to one origin may be in flight at once
 * @param maxRequestBody the largest request body, in bytes, the proxy forwards to an origin; 0 allows none
 * @param cacheFor how long the gateway may reuse a fragment's answer when the origin sends no caching headers (no
 *                 Cache-Control and no Expires); zero means such answers are not reused, only kept as the last good
 *                 copy for {@code staleFor}. Answers with Cache-Control follow HTTP's rules instead
 */
public record Defaults(Duration timeout, long maxBodySize, Duration staleFor,
                       CircuitBreakerSettings circuitBreaker, BulkheadSettings bulkhead, long maxRequestBody,
                       Duration cacheFor) {

    /** The defaults of a manifest that sets none: documented in {@code e2e/docs/manifest.md} and the schema. */
    public static final Defaults BUILT_IN = new Defaults(Duration.ofSeconds(1), 1024 * 1024, Duration.ofMinutes(10),
            CircuitBreakerSettings.BUILT_IN, BulkheadSettings.BUILT_IN, Rules.REQUEST_BODY_DEFAULT, Duration.ZERO);

    public Defaults {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(staleFor, "staleFor");
        Objects.requireNonNull(cacheFor, "cacheFor");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        Objects.requireNonNull(bulkhead, "bulkhead");
    }
}
