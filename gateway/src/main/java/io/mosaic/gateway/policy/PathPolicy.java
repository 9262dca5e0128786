package io.mosaic.gateway.policy;

import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.OriginPaths;
import io.mosaic.manifest.ProxyPath;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which paths of a fragment's origin the gateway serves, compiled once per fragment into its
 * {@link FragmentPolicy} and asked by every caller that decides it: the proxy's route
 * ({@code io.mosaic.gateway.route.ProxyRoutes}), the URL rewriter
 * ({@code io.mosaic.gateway.html.UrlRewriter}) and the answer's {@code Location} check
 * ({@link HeaderPolicy}). When the router and the rewriter disagree the page links to something
 * the proxy refuses, or worse, so they ask the same instance, like jsoup's {@code Safelist} that
 * its {@code Cleaner} asks.
 *
 * <p>A lookup costs the depth of the path (one hash lookup per {@code /}), whatever the number of
 * prefixes the fragment declares and whatever other fragments declare: the prefixes are a map,
 * not a list to scan.
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

    /** The methods a declared asset answers: it is a file to read. */
    public static final List<String> ASSET_METHODS = List.of("GET", "HEAD");

    /**
     * What serves a path.
     *
     * @param prefix the declared proxy prefix that serves it, or null for an asset served as itself
     * @param methods the methods allowed there
     */
    public record Match(String prefix, List<String> methods) {

        public boolean isAsset() {
            return prefix == null;
        }
    }

    private final Set<String> exactPaths;
    private final Map<String, ProxyPath> prefixes;
    private final ProxyPath root;

    private PathPolicy(Collection<String> exactPaths, Collection<ProxyPath> prefixes) {
        this.exactPaths = Set.copyOf(exactPaths);
        Map<String, ProxyPath> byPath = new HashMap<>();
        ProxyPath rootPrefix = null;
        for (ProxyPath prefix : prefixes) {
            if (prefix.path().equals("/")) {
                rootPrefix = prefix;
            } else {
                byPath.put(prefix.path(), prefix);
            }
        }
        this.prefixes = Map.copyOf(byPath);
        this.root = rootPrefix;
    }

    /** The paths {@code fragment} declares: its assets (without their query) and its proxy prefixes. */
    public static PathPolicy of(FragmentDefinition fragment) {
        List<String> assets = java.util.stream.Stream.concat(fragment.assets().css().stream(), fragment.assets().js().stream())
                .map(PathPolicy::withoutQuery).distinct().toList();
        return new PathPolicy(assets, fragment.proxy());
    }

    /**
     * @param exactPaths origin paths served as they are (a fragment's declared assets, without query)
     * @param prefixes origin path prefixes served with everything under them (declared proxy paths), default methods
     */
    public static PathPolicy of(Collection<String> exactPaths, Collection<String> prefixes) {
        return new PathPolicy(exactPaths, prefixes.stream().map(ProxyPath::of).toList());
    }

    /** Whether {@code rawPath} (no query) is clean and one of the exact paths. */
    public boolean isExact(String rawPath) {
        return exactPaths.contains(rawPath) && refusal(rawPath).isEmpty();
    }

    /**
     * The longest declared prefix that covers {@code rawPath} (no query), when the path is clean:
     * {@code /api/admin} wins over {@code /api} for {@code /api/admin/users}.
     */
    public Optional<String> prefixOf(String rawPath) {
        return refusal(rawPath).isPresent() ? Optional.empty() : Optional.ofNullable(longest(rawPath)).map(ProxyPath::path);
    }

    /**
     * What serves a request for {@code rawPath} (no query) with {@code method}, if anything: a
     * declared asset answers reads itself, and any method under a prefix when a prefix covers it
     * too; otherwise the longest covering prefix with its methods decides.
     */
    public Optional<Match> match(String rawPath, String method) {
        if (refusal(rawPath).isPresent()) {
            return Optional.empty();
        }
        ProxyPath prefix = longest(rawPath);
        if (exactPaths.contains(rawPath) && (ASSET_METHODS.contains(method) || prefix == null)) {
            return Optional.of(new Match(null, ASSET_METHODS));
        }
        return prefix == null ? Optional.empty() : Optional.of(new Match(prefix.path(), prefix.methods()));
    }

    /** Whether the gateway serves {@code rawPath} (no query): clean, and exact or under a prefix. */
    public boolean serves(String rawPath) {
        return refusal(rawPath).isEmpty() && (exactPaths.contains(rawPath) || longest(rawPath) != null);
    }

    /** The longest declared prefix covering {@code path}: the path itself, then each parent up to the root. */
    private ProxyPath longest(String path) {
        if (!prefixes.isEmpty()) {
            String candidate = path;
            while (!candidate.isEmpty()) {
                ProxyPath found = prefixes.get(candidate);
                if (found != null) {
                    return found;
                }
                candidate = candidate.substring(0, candidate.lastIndexOf('/') < 0 ? 0 : candidate.lastIndexOf('/'));
            }
        }
        return root;
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
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
