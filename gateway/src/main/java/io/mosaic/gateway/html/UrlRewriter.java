package io.mosaic.gateway.html;

import io.mosaic.gateway.policy.FragmentPolicy;
import io.mosaic.gateway.policy.PathPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Points a fragment's own URLs at the gateway's proxy path for that fragment, so the browser
 * talks to one origin only: {@code /styles.css} on the members origin becomes
 * {@code /fragments/members/styles.css}. URLs on other origins, {@code #anchors}, query-only
 * and scheme URLs ({@code mailto:}, {@code data:}...) are left as written.
 */
public final class UrlRewriter {

    private final FragmentPolicy policy;

    /** Attributes holding a resource the browser loads, by element. */
    private static final Map<String, Set<String>> RESOURCE_ATTRIBUTES = Map.ofEntries(
            Map.entry("img", Set.of("src")), Map.entry("script", Set.of("src")), Map.entry("iframe", Set.of("src")),
            Map.entry("audio", Set.of("src")), Map.entry("video", Set.of("src", "poster")), Map.entry("source", Set.of("src")),
            Map.entry("track", Set.of("src")), Map.entry("embed", Set.of("src")), Map.entry("input", Set.of("src")),
            Map.entry("object", Set.of("data")), Map.entry("link", Set.of("href")), Map.entry("image", Set.of("href", "xlink:href")),
            Map.entry("use", Set.of("href", "xlink:href")));

    /** Attributes holding a place the user navigates to, by element. */
    private static final Map<String, Set<String>> NAVIGATION_ATTRIBUTES = Map.of(
            "a", Set.of("href"), "area", Set.of("href"), "form", Set.of("action"),
            "button", Set.of("formaction"), "input", Set.of("formaction"));

    private final URI base;
    private final String proxyBase;
    private final PathPolicy paths;

    /**
     * The rewriter of a fragment's markup: relative URLs resolve against the URL it was fetched
     * from; its proxy serves what its policy's paths serve, the same instance the proxy asks.
     */
    public UrlRewriter(FragmentPolicy policy) {
        this.policy = policy;
        this.base = policy.url();
        this.proxyBase = policy.proxyBase();
        this.paths = policy.paths();
    }

    /** The URL the fragment was fetched from. */
    public URI base() {
        return base;
    }

    /** The gateway path of the fragment's proxy, such as {@code /fragments/members}: it names the fragment. */
    public String proxyBase() {
        return proxyBase;
    }

    /** The proxied form of a resource URL (stylesheets, scripts, images...), or the URL unchanged. */
    public String resource(String value) {
        return originPath(value).map(path -> proxyBase + path).orElse(value);
    }

    /**
     * The proxied form of a navigation URL (links, form actions): only when the proxy serves its
     * path, since root-relative links in a fragment usually mean pages of the console itself.
     */
    public String navigation(String value) {
        return originPath(value)
                .filter(this::routable)
                .map(path -> proxyBase + path)
                .orElse(value);
    }

    /**
     * The value of attribute {@code name} (lowercase) of element {@code tag} as the page gets it:
     * a resource URL proxied, a navigation URL proxied where the proxy serves it, a {@code srcset}
     * with each candidate proxied; any other attribute unchanged.
     */
    public String attribute(String tag, String name, String value) {
        if (RESOURCE_ATTRIBUTES.getOrDefault(tag, Set.of()).contains(name)) {
            return resource(value);
        }
        if (NAVIGATION_ATTRIBUTES.getOrDefault(tag, Set.of()).contains(name)) {
            return navigation(value);
        }
        if (name.equals("srcset") && (tag.equals("img") || tag.equals("source"))) {
            return srcset(value);
        }
        return value;
    }

    /** A {@code srcset} with each candidate's URL proxied. */
    public String srcset(String value) {
        StringBuilder out = new StringBuilder();
        for (String candidate : value.split(",")) {
            String trimmed = candidate.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int space = trimmed.indexOf(' ');
            String url = space < 0 ? trimmed : trimmed.substring(0, space);
            String descriptor = space < 0 ? "" : trimmed.substring(space);
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(resource(url)).append(descriptor);
        }
        return out.toString();
    }

    /** Whether the fragment's proxy route serves {@code path} (with or without a query). */
    public boolean routable(String path) {
        String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (bare.contains("#")) {
            bare = bare.substring(0, bare.indexOf('#'));
        }
        // The proxy router asks the same policy, so a link is rewritten exactly when the proxy serves it.
        return paths.serves(bare);
    }

    /** The origin-relative path (with query and #fragment) of a URL that points at the fragment's own origin. */
    Optional<String> originPath(String raw) {
        String value = raw.trim();
        if (value.isEmpty() || value.startsWith("#") || value.startsWith("?") || value.startsWith("//")) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getScheme() != null) {
            if (!policy.isOwnOrigin(uri)) {
                return Optional.empty();
            }
        } else {
            uri = base.resolve(uri);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder result = new StringBuilder(path);
        if (uri.getRawQuery() != null) {
            result.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            result.append('#').append(uri.getRawFragment());
        }
        return Optional.of(result.toString());
    }
}
