package io.mosaic.gateway.policy;

import io.mosaic.manifest.OriginPaths;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which paths of a fragment's origin the gateway serves, asked by every caller that decides it:
 * the proxy router ({@code io.mosaic.gateway.route.ProxyRoutes}) and the URL rewriter
 * ({@code io.mosaic.gateway.html.UrlRewriter}). When the router and the rewriter disagree the
 * page links to something the proxy refuses, or worse, so the decision lives here once, like
 * jsoup's {@code Safelist} that its {@code Cleaner} asks.
 *
 * <p>A path is judged as the origin will read it, whatever server it runs: raw (still
 * percent-encoded) paths are refused when, after percent-decoding, they could mean another path
 * on some server. Refused are {@code ;} path parameters ({@code /api/..;/secret}: Tomcat strips
 * them before normalising), dot segments ({@code .}, {@code ..}, encoded or not, as overlong
 * UTF-8 or as full-width dots), encoded slashes and backslashes and raw backslashes, empty
 * segments ({@code //}), encoded percent signs (double encoding), control characters and
 * malformed percent-encoding or UTF-8. Such paths are never served, never rewritten into links.
 */
public final class PathPolicy {

    private final List<String> exactPaths;
    private final List<String> prefixes;

    private PathPolicy(Collection<String> exactPaths, Collection<String> prefixes) {
        this.exactPaths = List.copyOf(exactPaths);
        this.prefixes = List.copyOf(prefixes);
    }

    /**
     * @param exactPaths origin paths served as they are (a fragment's declared assets, without query)
     * @param prefixes origin path prefixes served with everything under them (declared proxy paths)
     */
    public static PathPolicy of(Collection<String> exactPaths, Collection<String> prefixes) {
        return new PathPolicy(exactPaths, prefixes);
    }

    /** Whether {@code rawPath} (no query) is clean and one of the exact paths. */
    public boolean isExact(String rawPath) {
        return refusal(rawPath).isEmpty() && exactPaths.contains(rawPath);
    }

    /**
     * The longest declared prefix that covers {@code rawPath} (no query), when the path is clean:
     * {@code /api/admin} wins over {@code /api} for {@code /api/admin/users}.
     */
    public Optional<String> prefixOf(String rawPath) {
        if (refusal(rawPath).isPresent()) {
            return Optional.empty();
        }
        String best = null;
        for (String prefix : prefixes) {
            if (covers(prefix, rawPath) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether the gateway serves {@code rawPath} (no query): clean, and exact or under a prefix. */
    public boolean serves(String rawPath) {
        return isExact(rawPath) || prefixOf(rawPath).isPresent();
    }

    private static boolean covers(String prefix, String path) {
        return prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /**
     * Why {@code rawPath}, a root-relative path as sent on the wire (percent-encoded, without
     * query), may not be served, or empty when it is clean: the manifest's {@link OriginPaths}
     * rule, so that registration refuses what the proxy would, with the same words.
     */
    public static Optional<String> refusal(String rawPath) {
        return OriginPaths.refusal(rawPath);
    }
}
