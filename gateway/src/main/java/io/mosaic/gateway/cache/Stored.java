package io.mosaic.gateway.cache;

import io.mosaic.gateway.fetch.CachingHeaders;
import io.mosaic.gateway.fetch.FetchedBody;
import io.mosaic.gateway.html.ParsedFragment;
import java.time.Duration;

/**
 * One stored fragment answer: its bytes, their parse, the headers that rule its reuse, and when
 * it arrived (System.nanoTime).
 *
 * @param planVersion the version of the plan whose fragment settings the content was parsed and
 *                    rewritten with; a new manifest may rewrite the same bytes differently
 */
public record Stored(FetchedBody body, ParsedFragment content, long planVersion, CachingHeaders headers,
                     Reuse reuse, long receivedNanos) {

    public long ageNanos(long now) {
        return now - receivedNanos;
    }

    public Duration age(long now) {
        return Duration.ofNanos(ageNanos(now));
    }

    /** Whether it may be served without asking the origin. */
    public boolean fresh(long now) {
        return ageNanos(now) < reuse.freshNanos();
    }

    /** Whether it may be served while a fetch in the background revalidates it. */
    public boolean servableWhileRevalidating(long now) {
        return ageNanos(now) < reuse.freshNanos() + reuse.staleWhileRevalidateNanos();
    }

    /** Whether it may stand in for a failed fetch. */
    public boolean servableOnError(long now) {
        return ageNanos(now) < reuse.freshNanos() + reuse.staleIfErrorNanos();
    }

    boolean expired(long now) {
        return ageNanos(now) >= reuse.keptNanos();
    }

    /** Its weight in bytes against the cache's budget: the raw body, the parse (UTF-8, markup, assets) and the key. */
    long weight(String key) {
        return key.length() * 2L + body.bytes().length + content.utf8().length * 3L + 512;
    }
}
