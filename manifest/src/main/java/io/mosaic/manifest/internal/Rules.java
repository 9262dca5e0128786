package io.mosaic.manifest.internal;

import io.mosaic.manifest.GatewayPaths;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import io.mosaic.manifest.Origin;
import io.mosaic.manifest.OriginPaths;
import io.mosaic.manifest.ProxyPath;
import java.util.List;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for single values, each returning the reason a value is refused (empty when it is
 * fine). Bounds live here so that the docs, the schema and the validator can agree on them.
 */
public final class Rules {

    public static final Duration TIMEOUT_MIN = Duration.ofMillis(10);
    public static final Duration TIMEOUT_MAX = Duration.ofSeconds(60);
    public static final Duration OPEN_FOR_MIN = Duration.ofSeconds(1);
    public static final Duration OPEN_FOR_MAX = Duration.ofHours(1);
    public static final Duration STALE_FOR_MIN = Duration.ofSeconds(1);
    public static final Duration STALE_FOR_MAX = Duration.ofDays(7);
    /** Reuse of an answer that carries no caching headers: 0 turns it off. */
    public static final Duration CACHE_FOR_MIN = Duration.ZERO;
    public static final Duration CACHE_FOR_MAX = Duration.ofHours(24);
    public static final long BODY_MIN = 1024;
    public static final long BODY_MAX = 64L * 1024 * 1024;
    /** A proxied request's body: 0 refuses every body; the cap matches the fragment answer's. */
    public static final long REQUEST_BODY_MIN = 0;
    public static final long REQUEST_BODY_MAX = 64L * 1024 * 1024;
    public static final long REQUEST_BODY_DEFAULT = 1024 * 1024;
    public static final int FALLBACK_MAX_CHARS = 64 * 1024;
    public static final int TITLE_MAX_CHARS = 200;
    /** A circuit breaker's settings: see {@link io.mosaic.manifest.CircuitBreakerSettings}. */
    public static final int FAILURE_RATE_MIN = 1;
    public static final int FAILURE_RATE_MAX = 100;
    public static final int WINDOW_MIN = 2;
    public static final int WINDOW_MAX = 1000;
    /** At most {@code window} too, checked once the breaker is merged. */
    public static final int MINIMUM_CALLS_MIN = 1;
    public static final int MINIMUM_CALLS_MAX = 1000;
    public static final int HALF_OPEN_CALLS_MIN = 1;
    public static final int HALF_OPEN_CALLS_MAX = 100;
    /** Fetches in flight per fragment. */
    public static final int BULKHEAD_MIN = 1;
    public static final int BULKHEAD_MAX = 10_000;
    /**
     * The most entries of each list of a fragment (assets.css, assets.js, proxy, forward.query,
     * forward.cookies, forward.headers, mount): teams register fragments themselves, and every
     * entry costs each page render or proxy call a look-up, so no team's document may grow them
     * without bound. Real fragments use a handful.
     */
    public static final int LIST_MAX = 32;
    /** The most fragments an open slot may show. */
    public static final int OPEN_SLOT_MIN = 1;
    public static final int OPEN_SLOT_MAX = 50;
    /** The most fragments of one team an open slot shows: 1 to the slot's {@code max}. */
    public static final int PER_TEAM_MIN = 1;
    /** A mount's {@code order}: lowest first; the demo uses steps of ten so teams can go between. */
    public static final int MOUNT_ORDER_MIN = -1000;
    public static final int MOUNT_ORDER_MAX = 1000;


    /** Subresource Integrity: the hash algorithms browsers accept, with the digest length of each in bytes. */
    public static final Map<String, Integer> INTEGRITY_DIGEST_BYTES = Map.of("sha256", 32, "sha384", 48, "sha512", 64);
    private static final Pattern INTEGRITY_HASH = Pattern.compile("(sha256|sha384|sha512)-([A-Za-z0-9+/]+={0,2})");

    private static final Pattern PAGE_PATH = Pattern.compile("/|(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+");

    private Rules() {
    }

    /** Why {@code text} is not an acceptable fragment URL, or empty. */
    public static Optional<String> urlProblem(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of("'" + text + "' is not a valid URL: " + e.getReason());
        }
        if (!uri.isAbsolute() || uri.getScheme() == null) {
            return Optional.of("'" + text + "' must be an absolute http or https URL, such as http://members.internal:8080/fragment");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("scheme '" + uri.getScheme() + "' is not allowed; use http or https");
        }
        if (uri.getRawAuthority() == null || uri.getHost() == null) {
            return Optional.of("'" + text + "' has no host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("'" + text + "' must not carry a user name or password; credentials do not belong in the manifest");
        }
        if (uri.getRawFragment() != null) {
            return Optional.of("'" + text + "' must not have a #fragment part; servers never see it");
        }
        return Optional.empty();
    }

    /**
     * An asset or proxy entry as a normalised root-relative path on the fragment's origin, or the
     * reason it is refused. Same-origin absolute URLs are accepted and reduced to their path. The
     * path must pass {@link OriginPaths#refusal}, the proxy's own rule, and is refused with its words.
     */
    public static Result<String> originPath(String text, URI origin, boolean allowQuery) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.startsWith("javascript:") || lower.startsWith("data:") || lower.startsWith("vbscript:")) {
            return Result.refused("'" + text + "' is not allowed: only paths on the fragment's origin, such as /styles.css");
        }
        if (text.startsWith("//")) {
            return Result.refused("'" + text + "' is protocol-relative and may point at another host; write a path such as /styles.css");
        }
        // Judged before parsing, so that what java.net.URI cannot parse (a backslash) gets the proxy's words too.
        Optional<String> refusal = rawPath(text).flatMap(OriginPaths::refusal);
        if (refusal.isPresent()) {
            return Result.refused("'" + text + "' is refused: " + refusal.get());
        }
        if (text.chars().anyMatch(c -> c <= ' ')) {
            return Result.refused("'" + text + "' contains a space or control character; percent-encode a space as %20");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Result.refused("'" + text + "' is not a valid path: " + e.getReason());
        }
        if (uri.isAbsolute()) {
            if (origin == null || !sameOrigin(uri, origin)) {
                return Result.refused("'" + text + "' is on another origin; assets and proxy paths must be on the fragment's own origin"
                        + (origin == null ? "" : " (" + origin.getScheme() + "://" + origin.getRawAuthority() + ")"));
            }
        } else if (!text.startsWith("/")) {
            return Result.refused("'" + text + "' must start with '/' (a path on the fragment's origin)");
        }
        if (uri.getRawFragment() != null) {
            return Result.refused("'" + text + "' must not have a #fragment part");
        }
        if (uri.getRawQuery() != null && !allowQuery) {
            return Result.refused("'" + text + "' must not have a query; proxy entries are path prefixes");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return Result.ok(path + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : ""));
    }

    /**
     * The raw path of an entry as written: a root-relative path, or what follows the authority of
     * an http(s) URL ({@code /} when nothing does); without query or #fragment. Empty for other text.
     */
    private static Optional<String> rawPath(String text) {
        String rest;
        if (text.startsWith("/")) {
            rest = text;
        } else {
            int authority = text.indexOf("://");
            String scheme = authority < 0 ? "" : text.substring(0, authority).toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                return Optional.empty();
            }
            int slash = text.indexOf('/', authority + 3);
            int end = firstOf(text, authority + 3, '?', '#');
            rest = slash < 0 || slash > end ? "/" : text.substring(slash);
        }
        return Optional.of(rest.substring(0, firstOf(rest, 0, '?', '#')));
    }

    private static int firstOf(String text, int from, char a, char b) {
        int end = text.length();
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == a || text.charAt(i) == b) {
                end = i;
                break;
            }
        }
        return end;
    }

    private static boolean sameOrigin(URI url, URI fragmentUrl) {
        try {
            return Origin.sameOrigin(url, Origin.of(fragmentUrl));
        } catch (IllegalArgumentException e) {
            return false; // the fragment's url is judged on its own
        }
    }

    /** Why {@code path} cannot be a page path, or empty. */
    public static Optional<String> pagePathProblem(String path) {
        if (!path.startsWith("/")) {
            return Optional.of("'" + path + "' must start with '/'");
        }
        if (path.contains("?") || path.contains("#")) {
            return Optional.of("'" + path + "' must be a path only, without ? or #");
        }
        if (path.length() > 1 && path.endsWith("/")) {
            return Optional.of("'" + path + "' must not end with '/'; write " + path.substring(0, path.length() - 1));
        }
        if (path.contains("//")) {
            return Optional.of("'" + path + "' must not contain '//'");
        }
        if (!PAGE_PATH.matcher(path).matches()) {
            return Optional.of("'" + path + "' contains characters not allowed in a path");
        }
        for (String segment : path.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return Optional.of("'" + path + "' must not contain '.' or '..' segments");
            }
        }
        for (String prefix : GatewayPaths.RESERVED_PREFIXES) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return Optional.of("'" + path + "' collides with the gateway's own " + prefix + "/** paths; choose another path");
            }
        }
        if (GatewayPaths.RESERVED_PATHS.contains(path)) {
            return Optional.of("'" + path + "' is served by the gateway itself; choose another path");
        }
        return Optional.empty();
    }

    /** Why {@code method} cannot be allowed on a proxy path, or empty. */
    public static Optional<String> methodProblem(String method) {
        if (ProxyPath.ALLOWED_METHODS.contains(method)) {
            return Optional.empty();
        }
        String upper = method.toUpperCase(Locale.ROOT);
        if (ProxyPath.ALLOWED_METHODS.contains(upper)) {
            return Optional.of("method '" + method + "' must be uppercase; did you mean '" + upper + "'?");
        }
        return Optional.of("method '" + method + "' is not allowed; use " + String.join(", ", ProxyPath.ALLOWED_METHODS));
    }

    /** Why {@code name} cannot be a forwarded query parameter's name, or empty. */
    public static Optional<String> queryNameProblem(String name) {
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == '&' || c == '=' || c == '#' || c == 127)) {
            return Optional.of("'" + name + "' is not a query parameter name: it must not be empty or contain '&', '=', '#', "
                    + "spaces or control characters");
        }
        return Optional.empty();
    }

    /**
     * Why {@code value} is not a Subresource Integrity value, or empty: one or more
     * space-separated hashes, each {@code sha256-}, {@code sha384-} or {@code sha512-} followed by
     * the base64 of a digest of that algorithm's length.
     */
    public static Optional<String> integrityProblem(String value) {
        if (value.isBlank()) {
            return Optional.of("must not be empty: a Subresource Integrity value such as sha384-<base64 digest>");
        }
        for (String hash : value.trim().split("[ \\t]+")) {
            var m = INTEGRITY_HASH.matcher(hash);
            if (!m.matches()) {
                return Optional.of("'" + hash + "' is not a Subresource Integrity hash: write sha256-, sha384- or sha512- "
                        + "followed by the base64 digest");
            }
            int expected = INTEGRITY_DIGEST_BYTES.get(m.group(1));
            int actual;
            try {
                actual = Base64.getDecoder().decode(m.group(2)).length;
            } catch (IllegalArgumentException e) {
                actual = -1;
            }
            if (actual != expected || m.group(2).length() != (expected + 2) / 3 * 4) {
                return Optional.of("'" + hash + "' is not a " + m.group(1) + " digest: one is " + expected + " bytes, written as "
                        + (expected + 2) / 3 * 4 + " base64 characters (padding included)");
            }
        }
        return Optional.empty();
    }

    /** A value, or the reason it was refused. */
    public record Result<T>(T value, String problem) {
        static <T> Result<T> ok(T value) {
            return new Result<>(value, null);
        }

        static <T> Result<T> refused(String problem) {
            return new Result<>(null, problem);
        }

        public boolean isOk() {
            return problem == null;
        }
    }
}
