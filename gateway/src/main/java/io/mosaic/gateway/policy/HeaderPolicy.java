package io.mosaic.gateway.policy;

import io.mosaic.manifest.Forwarding;
import io.mosaic.manifest.Origin;
import io.mosaic.manifest.Reach;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.util.MultiValueMap;

/**
 * Which headers and cookies cross between browsers, the gateway and one fragment's origin, by
 * allow-list (Tailor's {@code filter-headers.js}), compiled once per fragment. Every team's origin
 * sits behind the gateway's one pages origin, so a header that is not named here never reaches an
 * origin, and an origin's header that is not named here never reaches the browser. Nothing is
 * forwarded by deny-list. Three directions, one list each:
 * The lists are the manifest's {@link Reach}, the same the validator asks.
 * <ul>
 *   <li>{@link #forPageFetch page fetch}: {@link Reach#PAGE_FETCH} plus the headers and cookies the
 *   fragment declares in {@code forward} and may receive ({@link Allowance});</li>
 *   <li>{@link #toOrigin proxy request}: {@link Reach#PROXY_REQUEST} plus the same declared headers
 *   and cookies (one {@code Cookie} header rebuilt from them), plus {@code X-Fragment-Base-Path};</li>
 *   <li>{@link #toBrowser proxy response}: {@link Reach#PROXY_ANSWER}; {@code Set-Cookie} only for
 *   declared cookies, scoped to the fragment's proxy path with no {@code Domain}; {@code Location}
 *   only into the fragment's own proxy routes. And every answer is sandboxed: {@code nosniff},
 *   {@code Cross-Origin-Resource-Policy: same-origin} and {@code Content-Security-Policy: sandbox}
 *   without {@code allow-same-origin}, so a team's HTML opened or framed from the proxy runs in an
 *   opaque origin and can read nothing of the gateway's.</li>
 * </ul>
 * So a team cannot install a service worker scope, clear the site's data, pin HSTS, open CORS or
 * redirect anywhere for the pages origin, and receives no other team's cookies or the browser's
 * credentials unless the operator said so.
 */
public final class HeaderPolicy {

    /**
     * The sandbox every proxied answer gets: as a document (opened, or framed by a page) it has an
     * opaque origin, may run its own script but never touch the gateway's origin, its storage or
     * its cookies, and only the gateway's own pages may frame it. Browsers ignore CSP on
     * subresources, so scripts and stylesheets are unaffected.
     */
    public static final String SANDBOX = "sandbox allow-scripts allow-forms; frame-ancestors 'self'";

    /** The longest value of a header a fragment declares: tokens (a JWT, say) outgrow the allow-list's 1024. */
    static final int MAX_DECLARED_VALUE = 8192;

    /** The header that tells an origin the gateway path its answers are served under. */
    public static final String BASE_PATH = io.mosaic.manifest.FragmentContract.BASE_PATH_HEADER;

    private final String basePath;
    private final String origin;
    private final PathPolicy paths;
    /** Declared request headers the fragment may receive, lowercase, in declaration order. */
    private final List<String> headers;
    /** Declared cookies the fragment may receive, in declaration order. */
    private final List<String> cookies;

    private HeaderPolicy(String basePath, URI url, PathPolicy paths, List<String> headers, List<String> cookies) {
        this.basePath = basePath;
        this.origin = Origin.of(url);
        this.paths = paths;
        this.headers = List.copyOf(headers);
        this.cookies = List.copyOf(cookies);
    }

    /**
     * The policy of a fragment served at {@code basePath} from {@code url}, whose proxy serves
     * {@code paths}, declaring {@code forward}; of what it declares, only what {@code reach}
     * allows is ever sent.
     */
    public static HeaderPolicy compile(Forwarding forward, String basePath, URI url, PathPolicy paths, Allowance reach) {
        return new HeaderPolicy(basePath, url, paths,
                forward.headers().stream().filter(reach::mayReceiveHeader).toList(),
                forward.cookies().stream().filter(reach::mayReceiveCookie).toList());
    }

    /** The declared headers this fragment receives, lowercase. */
    public List<String> declaredHeaders() {
        return headers;
    }

    /**
     * The headers a page fetch sends: {@code always} (the {@link Reach#PAGE_FETCH} values the request
     * carried, by lowercase name), plus each declared header the browser sent, plus one
     * {@code Cookie} header rebuilt from the declared cookies only. {@code always} itself when the
     * fragment receives nothing more.
     */
    public Map<String, String> forPageFetch(Map<String, String> always, HttpHeaders browser) {
        if (headers.isEmpty() && cookies.isEmpty()) {
            return always;
        }
        Map<String, String> out = new HashMap<>(always);
        for (String name : headers) {
            List<String> values = browser.get(name);
            if (values != null && !values.isEmpty() && !out.containsKey(name)) {
                String value = String.join(", ", values);
                if (isSafeValue(value, MAX_DECLARED_VALUE)) {
                    out.put(name, value);
                }
            }
        }
        String cookie = cookieHeader(browser.get(HttpHeaders.COOKIE));
        if (!cookie.isEmpty()) {
            out.put("cookie", cookie);
        }
        return out;
    }

    /** The declared cookies among {@code sent} ({@code Cookie} header values), in the order sent, as one value. */
    private String cookieHeader(List<String> sent) {
        if (cookies.isEmpty() || sent == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String header : sent) {
            for (String pair : header.split(";")) {
                String cookie = pair.trim();
                int equals = cookie.indexOf('=');
                if (equals > 0 && cookies.contains(cookie.substring(0, equals).trim()) && isSafeValue(cookie, MAX_DECLARED_VALUE)) {
                    out.append(out.length() == 0 ? "" : "; ").append(cookie);
                }
            }
        }
        return out.toString();
    }

    /** Whether {@code value} may be sent as a header value: not too long, no control characters but tab. */
    public static boolean isSafeValue(String value, int maxLength) {
        return value.length() <= maxLength && value.chars().noneMatch(c -> (c < ' ' && c != '\t') || c == 0x7f);
    }

    /** The headers a proxied request carries to the origin. */
    public HttpHeaders toOrigin(HttpHeaders incoming, MultiValueMap<String, HttpCookie> browserCookies) {
        HttpHeaders out = new HttpHeaders();
        incoming.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (Reach.PROXY_REQUEST.contains(lower) || headers.contains(lower)) {
                out.addAll(name, values);
            }
        });
        List<String> pairs = new ArrayList<>();
        for (String name : cookies) {
            for (HttpCookie cookie : browserCookies.getOrDefault(name, List.of())) {
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
     * Keeps only what may reach the browser of {@code answer}, the origin's answer to a call on
     * {@code requested} (the URL the gateway called), and sandboxes it.
     */
    public void toBrowser(HttpHeaders answer, URI requested) {
        HttpHeaders kept = new HttpHeaders();
        answer.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (Reach.PROXY_ANSWER.contains(lower)) {
                kept.addAll(name, values);
            } else if (lower.equals("set-cookie")) {
                values.forEach(value -> setCookie(value).ifPresent(v -> kept.add(HttpHeaders.SET_COOKIE, v)));
            } else if (lower.equals("location") && !values.isEmpty()) {
                location(values.get(0), requested).ifPresent(v -> kept.set(HttpHeaders.LOCATION, v));
            }
        });
        kept.set("X-Content-Type-Options", "nosniff");
        kept.set("Cross-Origin-Resource-Policy", "same-origin");
        kept.set("Content-Security-Policy", SANDBOX);
        answer.clear();
        answer.putAll(kept);
    }

    /**
     * A {@code Set-Cookie} value when its cookie is declared: scoped to the proxy path, without
     * {@code Domain}, other attributes kept. Empty when undeclared or unreadable.
     */
    public Optional<String> setCookie(String value) {
        String[] parts = value.split(";");
        int eq = parts[0].indexOf('=');
        if (eq <= 0) {
            return Optional.empty();
        }
        String name = parts[0].substring(0, eq).trim();
        if (!cookies.contains(name)) {
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
     * A root-relative location is a path on the origin, like an absolute one on the origin itself;
     * one already under the proxy path is kept when its rest is served.
     */
    public Optional<String> location(String value, URI requested) {
        URI target;
        try {
            URI location = new URI(value.trim());
            target = requested.resolve(location);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!Origin.sameOrigin(target, origin) || target.getRawPath() == null) {
            return Optional.empty();
        }
        String path = target.getRawPath();
        String rest = path.startsWith(basePath + "/") ? path.substring(basePath.length()) : path;
        if (!paths.serves(rest)) {
            return Optional.empty();
        }
        return Optional.of(basePath + rest + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()));
    }
}
