package io.mosaic.gateway.fetch;

import io.mosaic.gateway.request.RequestIds;
import io.mosaic.manifest.Forwarding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.netty.Connection;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * What of the browser's request a fragment may see: the page's path and query, an allow-list of
 * headers, and what the fragment's {@code forward} declares on top (headers by name, cookies by
 * name). Nothing else: the fragments of many teams must not see each other's credentials, so
 * cookies, {@code Authorization} and SSO headers reach only a fragment that declares them.
 *
 * @param pagePath the path of the page being composed
 * @param rawQuery the page's query string, forwarded so that fragments can serve searches; null when none
 * @param headers the forwarded headers, by lowercase name
 * @param requestId the request's id, as {@link RequestIds} decided it (the caller's {@code X-Request-Id} or a new one)
 * @param loop the Netty event loop serving the page request, where fetch deadlines are timed; null off Netty
 * @param browser the browser's request headers, read only for what a fragment declares in {@code forward}
 */
public record RequestContext(String pagePath, String rawQuery, Map<String, String> headers, String requestId,
                             ScheduledExecutorService loop, HttpHeaders browser) {

    /** The headers forwarded to fragments, and nothing else (like Tailor's filter-headers). */
    public static final List<String> FORWARDED = List.of(
            "accept-language", "user-agent", "referer", "traceparent", "tracestate", "x-request-id");

    /** The longest value of a header a fragment declares: tokens (a JWT, say) outgrow the allow-list's 1024. */
    static final int MAX_DECLARED_VALUE = 8192;

    public RequestContext {
        headers = Map.copyOf(headers);
        browser = browser == null ? HttpHeaders.EMPTY : browser;
    }

    /**
     * The headers sent to a fragment that declares {@code forward}: the allow-list, plus each
     * declared header the browser sent, plus one {@code Cookie} header rebuilt from the declared
     * cookies only. The allow-list's map itself when the fragment declares nothing.
     */
    public Map<String, String> headersFor(Forwarding forward) {
        if (forward.headers().isEmpty() && forward.cookies().isEmpty()) {
            return headers;
        }
        Map<String, String> out = new HashMap<>(headers);
        for (String name : forward.headers()) {
            List<String> values = browser.get(name);
            if (values != null && !values.isEmpty() && !out.containsKey(name)) {
                String value = String.join(", ", values);
                if (isSafeValue(value, MAX_DECLARED_VALUE)) {
                    out.put(name, value);
                }
            }
        }
        String cookies = cookies(forward.cookies());
        if (!cookies.isEmpty()) {
            out.put("cookie", cookies);
        }
        return out;
    }

    /** The browser's cookies named in {@code names}, in the order sent, as one {@code Cookie} header value. */
    private String cookies(List<String> names) {
        List<String> sent = browser.get(HttpHeaders.COOKIE);
        if (names.isEmpty() || sent == null) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        for (String header : sent) {
            for (String pair : header.split(";")) {
                String cookie = pair.trim();
                int equals = cookie.indexOf('=');
                if (equals > 0 && names.contains(cookie.substring(0, equals).trim()) && isSafeValue(cookie, MAX_DECLARED_VALUE)) {
                    out.append(out.length() == 0 ? "" : "; ").append(cookie);
                }
            }
        }
        return out.toString();
    }

    private static boolean isSafeValue(String value, int maxLength) {
        return value.length() <= maxLength && value.chars().noneMatch(c -> (c < ' ' && c != '\t') || c == 0x7f);
    }

    /** The context of a browser's page request, its id decided from its own {@code X-Request-Id}. */
    public static RequestContext of(ServerHttpRequest request) {
        return of(request, RequestIds.decide(request.getHeaders().getFirst("x-request-id")));
    }

    /** The context of a browser's page request whose id was already decided (see {@link RequestIds#of}). */
    public static RequestContext of(ServerHttpRequest request, String requestId) {
        HttpHeaders in = request.getHeaders();
        Map<String, String> headers = new HashMap<>(8);
        for (String name : FORWARDED) {
            String value = in.getFirst(name);
            if (value != null && isSafeValue(value, 1024)) {
                headers.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        headers.put("x-request-id", requestId);
        return new RequestContext(request.getPath().value(), request.getURI().getRawQuery(), headers, requestId, eventLoop(request), in);
    }

    private static ScheduledExecutorService eventLoop(ServerHttpRequest request) {
        ServerHttpRequest unwrapped = request;
        while (unwrapped instanceof ServerHttpRequestDecorator decorator) {
            unwrapped = decorator.getDelegate();
        }
        if (unwrapped instanceof AbstractServerHttpRequest server && server.getNativeRequest() instanceof Connection connection) {
            return connection.channel().eventLoop();
        }
        return null;
    }
}
