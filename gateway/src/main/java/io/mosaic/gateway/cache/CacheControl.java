package io.mosaic.gateway.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The directives of an answer's {@code Cache-Control} that a shared cache acts on (RFC 9111
 * §5.2.2, RFC 5861). Delta-seconds are -1 when absent. Like the RFC asks, a malformed
 * {@code max-age} or {@code s-maxage} makes the answer stale at once (0), and a qualified
 * {@code no-cache="..."} or {@code private="..."} is read as the unqualified directive: a shared
 * cache cannot strip single header fields of a fragment's answer, so it takes the stricter reading.
 *
 * @param present whether the answer had a {@code Cache-Control} header at all
 */
public record CacheControl(boolean present, boolean noStore, boolean noCache, boolean isPrivate, boolean isPublic,
                           boolean mustRevalidate, boolean proxyRevalidate, long maxAge, long sMaxAge,
                           long staleWhileRevalidate, long staleIfError) {

    public static final CacheControl NONE = new CacheControl(false, false, false, false, false, false, false, -1, -1, -1, -1);

    /** The directives of {@code header} (the answer's Cache-Control values joined by commas); {@link #NONE} when null. */
    public static CacheControl parse(String header) {
        if (header == null) {
            return NONE;
        }
        boolean noStore = false, noCache = false, isPrivate = false, isPublic = false, mustRevalidate = false,
                proxyRevalidate = false;
        long maxAge = -1, sMaxAge = -1, swr = -1, sie = -1;
        for (String directive : split(header)) {
            int equals = directive.indexOf('=');
            String name = (equals < 0 ? directive : directive.substring(0, equals)).trim().toLowerCase(Locale.ROOT);
            String value = equals < 0 ? null : unquote(directive.substring(equals + 1).trim());
            switch (name) {
                case "no-store" -> noStore = true;
                case "no-cache" -> noCache = true;
                case "private" -> isPrivate = true;
                case "public" -> isPublic = true;
                case "must-revalidate" -> mustRevalidate = true;
                case "proxy-revalidate" -> proxyRevalidate = true;
                case "max-age" -> maxAge = seconds(value, 0);
                case "s-maxage" -> sMaxAge = seconds(value, 0);
                case "stale-while-revalidate" -> swr = seconds(value, -1);
                case "stale-if-error" -> sie = seconds(value, -1);
                default -> {
                    // extensions the gateway does not act on
                }
            }
        }
        return new CacheControl(true, noStore, noCache, isPrivate, isPublic, mustRevalidate, proxyRevalidate,
                maxAge, sMaxAge, swr, sie);
    }

    /** Whether the answer forbids serving it stale in any case (RFC 9111 §4.2.4; s-maxage implies proxy-revalidate). */
    public boolean forbidsStale() {
        return noCache || mustRevalidate || proxyRevalidate || sMaxAge >= 0;
    }

    /** Delta-seconds: digits only, capped at 2^31 (RFC 9111 §1.2.2); {@code invalid} otherwise. */
    static long seconds(String value, long invalid) {
        if (value == null || value.isEmpty()) {
            return invalid;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return invalid;
            }
        }
        return value.length() > 10 ? Integer.MAX_VALUE : Math.min(Long.parseLong(value), Integer.MAX_VALUE);
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
    }

    /** Splits on commas outside quoted strings ({@code private="a, b"} is one directive). */
    private static List<String> split(String header) {
        List<String> parts = new ArrayList<>(4);
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                add(parts, header.substring(start, i));
                start = i + 1;
            }
        }
        add(parts, header.substring(start));
        return parts;
    }

    private static void add(List<String> parts, String part) {
        String trimmed = part.trim();
        if (!trimmed.isEmpty()) {
            parts.add(trimmed);
        }
    }
}
