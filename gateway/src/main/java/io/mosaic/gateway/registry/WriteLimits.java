package io.mosaic.gateway.registry;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each team's (and the admin's) changes per minute, with Resilience4j's rate limiter: one team's
 * runaway CI, or a script posting console forms, cannot flood the registry that every team
 * shares. Every change counts, whichever door it came through (the API, the console, an incident
 * control); reads are not limited.
 */
public final class WriteLimits {

    private final int perMinute;
    private final Map<String, AtomicRateLimiter> limiters = new ConcurrentHashMap<>();

    public WriteLimits(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Takes one change from {@code caller}'s allowance, or refuses with {@link RegistryException.Refusal#TOO_MANY}. */
    public void acquire(Caller caller) {
        AtomicRateLimiter limiter = limiters.computeIfAbsent(caller.actor(), actor -> new AtomicRateLimiter(actor,
                RateLimiterConfig.custom().limitForPeriod(perMinute).limitRefreshPeriod(Duration.ofMinutes(1))
                        .timeoutDuration(Duration.ZERO).build()));
        if (!limiter.acquirePermission()) {
            long nanos = limiter.getDetailedMetrics().getNanosToWait();
            long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
            throw RegistryException.tooMany(caller.actor() + " made more than " + perMinute
                    + " changes in a minute; retry after " + seconds + " s", seconds);
        }
    }
}
