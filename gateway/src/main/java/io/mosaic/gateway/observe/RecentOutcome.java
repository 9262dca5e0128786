package io.mosaic.gateway.observe;

import io.mosaic.gateway.resolve.FragmentOutcome;
import java.time.Instant;

/**
 * One resolution of a fragment, as the console lists it.
 *
 * @param at when the outcome was decided
 * @param state what the page got: ok, stale, fallback or error (the box's {@code data-fragment-state})
 * @param reason why the origin's answer was not used: the failure's kind as in metrics, with the
 *               origin's HTTP status when it gave one ({@code server error (HTTP 503)}); for a good answer,
 *               {@code cache hit}, {@code cache stale} or {@code cache revalidated} when a stored answer was
 *               reused, null when it was fetched
 * @param detail the failure's own words ({@code no complete answer within 800ms}); null for a fresh answer
 * @param latencyMillis the fetch's time for a fresh answer; null otherwise, since a failed outcome carries no time
 */
public record RecentOutcome(Instant at, FragmentOutcome.State state, String reason, String detail, Double latencyMillis) {
}
