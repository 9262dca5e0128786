package io.mosaic.gateway.observe;

import java.time.Instant;
import java.util.List;

/**
 * A fragment's last minute as the console and its live updates show it.
 *
 * @param name the fragment
 * @param calls resolutions in the last minute (fresh or not)
 * @param failures resolutions whose origin answer was not used
 * @param p50Millis median latency of fresh fetches, null when there was none
 * @param p95Millis 95th percentile latency of fresh fetches, null when there was none
 * @param lastFailureReason the reason of the last failure (timeout, server error, ...), null when none yet
 * @param lastFailure the last failure as logged, null when none yet
 * @param lastFailureAt when it happened, null when none yet
 * @param sparkline the median latency of each of the last sixty seconds, oldest first, null where there was none
 * @param reused good answers that reused a stored one (hit, stale while revalidating, revalidated by a 304)
 */
public record ActivitySnapshot(String name, int calls, int failures, Double p50Millis, Double p95Millis,
                               String lastFailureReason, String lastFailure, Instant lastFailureAt, List<Double> sparkline,
                               int reused) {

    /** Resolutions that reused a stored answer over the last minute; null when none did (no caching in play). */
    public Double cacheHitRate() {
        return reused == 0 ? null : (double) reused / calls;
    }

    /** Failures per resolution over the last minute, 0 when there was none. */
    public double errorRate() {
        return calls == 0 ? 0 : (double) failures / calls;
    }
}
