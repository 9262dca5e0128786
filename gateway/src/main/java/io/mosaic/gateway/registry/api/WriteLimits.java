package io.mosaic.gateway.registry.api;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.mosaic.gateway.registry.Caller;
import io.mosaic.gateway.registry.RegistryException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each team's (and the admin's) changes per minute, with Resilience4j's rate limiter: one team's
 * runaway CI cannot flood the registry that every team shares. Reads are not limited.
 */
final class WriteLimits {

    /** Over the limit: answered 429 with {@code Retry-After}. */
    static final class TooMany extends RegistryException {
        private final long retryAfterSeconds;

        TooMany(String actor, int perMinute, long retryAfterSeconds) {
            super(429, "Too Many Requests", actor + " made more than " + perMinute
                    + " changes in a minute; retry after " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private final int perMinute;
    private final Map<String, AtomicRateLimiter> limiters = new ConcurrentHashMap<>();

    WriteLimits(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Takes one change from {@code caller}'s allowance, or refuses with 429. */
    void acquire(Caller caller) {
        AtomicRateLimiter limiter = limiters.computeIfAbsent(caller.actor(), actor -> new AtomicRateLimiter(actor,
                RateLimiterConfig.custom().limitForPeriod(perMinute).limitRefreshPeriod(Duration.ofMinutes(1))
                        .timeoutDuration(Duration.ZERO).build()));
        if (!limiter.acquirePermission()) {
            long nanos = limiter.getDetailedMetrics().getNanosToWait();
            throw new TooMany(caller.actor(), perMinute, Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
        }
    }
}
