package io.mosaic.gateway.cache;

import io.mosaic.gateway.fetch.CachingHeaders;
import io.mosaic.manifest.Forwarding;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * How a fragment's answer may be reused, decided from its headers by HTTP's rules for a shared
 * cache (RFC 9111, RFC 5861) and the fragment's manifest settings:
 * <ul>
 *   <li>not at all with {@code no-store}, {@code private} or {@code Vary: *};</li>
 *   <li>fresh for {@code s-maxage}, else {@code max-age}, else {@code Expires} minus {@code Date},
 *       less the {@code Age} it arrived with; for the manifest's {@code cacheFor} when the origin
 *       sends no caching headers at all; never with {@code no-cache}, nor for a request that carried
 *       a cookie or a declared credential or identity header unless the answer is {@code public} or
 *       has {@code s-maxage};</li>
 *   <li>stale while revalidating for {@code stale-while-revalidate};</li>
 *   <li>stale in place of a failed fetch for {@code stale-if-error}, else the manifest's
 *       {@code staleFor}; never with {@code no-cache}, {@code must-revalidate},
 *       {@code proxy-revalidate} or {@code s-maxage} (RFC 9111 §4.2.4, §5.2.2.10).</li>
 * </ul>
 * Who else an answer is for is {@link Sharing}'s to say, from {@link #shareable()}.
 *
 * @param stored whether the answer is kept at all
 * @param shareable whether it may serve requests with other credentials than the one it was fetched
 *                  with: only when the origin says {@code public} or {@code s-maxage} (RFC 9111 §3.5)
 * @param keyNames the request headers its variant is keyed by (see {@link Variants})
 * @param keptNanos how long it is kept from its receipt: fresh, then while a stale window lasts, and
 *                  at least {@code staleFor} when it can be revalidated
 */
public record Reuse(boolean stored, boolean shareable, List<String> keyNames, long freshNanos,
                    long staleWhileRevalidateNanos, long staleIfErrorNanos, long keptNanos) {

    public static final Reuse NOT_STORED = new Reuse(false, false, List.of(), 0, 0, 0, 0);

    public static Reuse decide(CachingHeaders headers, Duration cacheFor, Duration staleFor, Forwarding forward,
                               boolean credentials) {
        CacheControl control = CacheControl.parse(headers.cacheControl());
        List<String> vary = Variants.parseVary(headers.vary());
        if (control.noStore() || control.isPrivate() || vary == Variants.NEVER) {
            return NOT_STORED;
        }
        boolean originCaches = control.present() || headers.expires() != null;
        boolean shareable = control.isPublic() || control.sMaxAge() >= 0;
        boolean shared = !credentials || shareable;
        // The origin's Vary is believed for a user's own answer too: Sharing keeps it apart by its credentials.
        List<String> names = Variants.keyNames(vary, originCaches, forward);
        long ageNanos = seconds(CacheControl.seconds(headers.age() == null ? null : headers.age().trim(), 0));

        long fresh;
        if (control.noCache() || !shared) {
            fresh = 0;
        } else if (control.sMaxAge() >= 0) {
            fresh = seconds(control.sMaxAge());
        } else if (control.maxAge() >= 0) {
            fresh = seconds(control.maxAge());
        } else if (headers.expires() != null) {
            fresh = expiresNanos(headers.expires(), headers.date());
        } else if (!originCaches) {
            fresh = cacheFor.toNanos();
        } else {
            fresh = 0;
        }
        fresh = Math.max(0, fresh - ageNanos);

        long whileRevalidating = control.forbidsStale() ? 0 : seconds(Math.max(0, control.staleWhileRevalidate()));
        long ifError = control.forbidsStale() ? 0
                : control.staleIfError() >= 0 ? seconds(control.staleIfError()) : staleFor.toNanos();
        // An answer with validators is kept a while longer anyway: a 304 then saves its transfer and its parse.
        long kept = Math.max(fresh + Math.max(whileRevalidating, ifError), headers.hasValidators() ? staleFor.toNanos() : 0);
        return new Reuse(true, shareable, names, fresh, whileRevalidating, ifError, kept);
    }

    /** {@code Expires} minus {@code Date} (or now); an invalid {@code Expires} means already expired (RFC 9111 §5.3). */
    static long expiresNanos(String expires, String date) {
        try {
            ZonedDateTime expiresAt = ZonedDateTime.parse(expires.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            ZonedDateTime now = ZonedDateTime.now();
            if (date != null) {
                try {
                    now = ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
                } catch (DateTimeParseException e) {
                    // the gateway's clock then
                }
            }
            return Math.max(0, Duration.between(now, expiresAt).toNanos());
        } catch (DateTimeParseException | ArithmeticException e) {
            return 0;
        }
    }

    private static long seconds(long seconds) {
        return TimeUnit.SECONDS.toNanos(seconds);
    }
}
