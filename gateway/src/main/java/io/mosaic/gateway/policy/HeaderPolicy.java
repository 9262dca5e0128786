package io.mosaic.gateway.policy;

import io.mosaic.manifest.Forwarding;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * Which headers cross the proxy, in both directions, by allow-list (Tailor's
 * {@code filter-headers.js}): every team's origin sits behind the gateway's one origin, so a
 * header that is not named here never reaches an origin, and an origin's header that is not named
 * here never reaches the browser. Nothing is forwarded by deny-list.
 *
 * <p>To origins: {@link #REQUEST}, the headers the fragment declares ({@code forward.headers}),
 * the cookies it declares ({@code forward.cookies}, rebuilt into one {@code Cookie} header) and
 * {@code X-Fragment-Base-Path}. So {@code Authorization}, other cookies and an SSO proxy's
 * {@code X-Auth-Request-*} headers never reach a team unless declared.
 *
 * <p>To browsers: {@link #RESPONSE}; {@code Set-Cookie} only for declared cookie names, scoped
 * to the fragment's proxy path with no {@code Domain}; {@code Location} only when it points into
 * the fragment's own proxy routes, rewritten to its gateway path. So a team cannot install a
 * service worker scope, clear the site's data, pin HSTS, open CORS or redirect anywhere for the
 * whole gateway origin.
 */
public final class HeaderPolicy {

    /**
     * Request headers every proxied call passes on: content negotiation, the body's framing and
     * type, conditional and range requests, and tracing. Not {@code Referer} or {@code Origin}
     * (the page's URL and the gateway's origin say nothing a team needs), not credentials.
     */
    public static final Set<String> REQUEST = Set.of(
            "accept", "accept-encoding", "accept-language", "content-type", "content-length", "content-language",
            "if-match", "if-none-match", "if-modified-since", "if-unmodified-since", "if-range",
            "range", "cache-control", "pragma", "user-agent", "traceparent", "tracestate", "x-request-id");

    /**
     * Answer headers a proxied answer keeps: what describes the content and its caching, plus
     * {@code Allow} and {@code Retry-After} on refusals. {@code Set-Cookie} and {@code Location}
     * are judged apart.
     */
    public static final Set<String> RESPONSE = Set.of(
            "content-type", "content-length", "content-encoding", "content-language", "content-disposition",
            "content-range", "accept-ranges", "cache-control", "etag", "last-modified", "expires", "age", "vary",
            "allow", "retry-after", "x-content-type-options", "x-request-id", "x-fragment-version");

    /**
     * Request headers that never reach an origin, even when a fragment declares them: the
     * browser's and the SSO proxy's credentials, the client's address, framing and hop-by-hop
     * headers. Teams register fragments themselves, so a declaration cannot open these.
     */
    public static boolean neverForwarded(String lowerName) {
        return NEVER.contains(lowerName) || lowerName.startsWith("proxy-") || lowerName.startsWith("x-auth-request-")
                || lowerName.startsWith("x-forwarded-");
    }

    private static final Set<String> NEVER = Set.of("authorization", "cookie", "host", "forwarded", "x-real-ip",
            "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer");

    /** The header that tells an origin the gateway path its answers are served under. */
    public static final String BASE_PATH = io.mosaic.manifest.FragmentContract.BASE_PATH_HEADER;

    private HeaderPolicy() {
    }

    /** The headers a proxied request carries to the origin of a fragment declaring {@code forward}. */
    public static HttpHeaders toOrigin(HttpHeaders incoming, MultiValueMap<String, HttpCookie> cookies,
                                       Forwarding forward, String basePath) {
        HttpHeaders out = new HttpHeaders();
        incoming.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (REQUEST.contains(lower) || forward.headers().contains(lower) && !neverForwarded(lower)) {
                out.addAll(name, values);
            }
        });
        List<String> pairs = new ArrayList<>();
        for (String name : forward.cookies()) {
            for (HttpCookie cookie : cookies.getOrDefault(name, List.of())) {
                pairs.add(cookie.getName() + "=" + cookie.getValue());
            }
        }
        if (!pairs.isEmpty()) {
            out.set(HttpHeaders.COOKIE, String.join("; ", pairs));
        }
        out.set(BASE_PATH, basePath);
        return out;
    }

    /**
     * Keeps only what may reach the browser of {@code answer}, an origin's answer to a call on
     * {@code requested} (the URL the gateway called), for a fragment served at {@code basePath}
     * whose proxy serves {@code paths} and whose declared cookies are {@code cookies}.
     */
    public static void toBrowser(HttpHeaders answer, URI requested, String basePath, PathPolicy paths,
                                 List<String> cookies) {
        HttpHeaders kept = new HttpHeaders();
        answer.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESPONSE.contains(lower)) {
                kept.addAll(name, values);
            } else if (lower.equals("set-cookie")) {
                values.forEach(value -> setCookie(value, cookies, basePath).ifPresent(v -> kept.add(HttpHeaders.SET_COOKIE, v)));
            } else if (lower.equals("location") && !values.isEmpty()) {
                location(values.get(0), requested, basePath, paths).ifPresent(v -> kept.set(HttpHeaders.LOCATION, v));
            }
        });
        answer.clear();
        answer.putAll(kept);
    }

    /**
     * A {@code Set-Cookie} value when its cookie is declared: scoped to {@code basePath}, without
     * {@code Domain}, other attributes kept. Empty when undeclared or unreadable.
     */
    public static Optional<String> setCookie(String value, List<String> declared, String basePath) {
        String[] parts = value.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return Optional.empty();
        }
        String name = parts[0].substring(0, eq).trim();
        if (!declared.contains(name)) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder(name).append('=').append(parts[0].substring(eq + 1).trim());
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim();
            String attributeName = attribute.contains("=") ? attribute.substring(0, attribute.indexOf('=')).trim() : attribute;
            if (!attribute.isEmpty() && !attributeName.equalsIgnoreCase("path") && !attributeName.equalsIgnoreCase("domain")) {
                out.append("; ").append(attribute);
            }
        }
        return Optional.of(out.append("; Path=").append(basePath).toString());
    }

    /**
     * A {@code Location} that points into the fragment's own proxy routes, as its gateway path;
     * empty for anything else (other hosts, other paths of the origin, the gateway's own pages).
     * A root-relative location is a path on the origin, like an absolute one on the origin's own
     * scheme, host and port; one already under {@code basePath} is kept when its rest is served.
     */
    public static Optional<String> location(String value, URI requested, String basePath, PathPolicy paths) {
        URI target;
        try {
            URI location = new URI(value.trim());
            target = requested.resolve(location);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!sameOrigin(target, requested) || target.getRawPath() == null) {
            return Optional.empty();
        }
        String path = target.getRawPath();
        String rest = path.startsWith(basePath + "/") ? path.substring(basePath.length()) : path;
        if (!paths.serves(rest)) {
            return Optional.empty();
        }
        return Optional.of(basePath + rest + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b)
                && a.getRawUserInfo() == null;
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
