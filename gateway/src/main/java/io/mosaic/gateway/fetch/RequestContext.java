package io.mosaic.gateway.fetch;

import io.mosaic.manifest.Forwarding;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.netty.Connection;
import java.util.concurrent.ThreadLocalRandom;
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
 * @param requestId the request id, taken from {@code X-Request-Id} or made up
 * @param loop the Netty event loop serving the page request, where fetch deadlines are timed; null off Netty
 * @param browser the browser's request headers, read only for what a fragment declares in {@code forward}
 */
public record RequestContext(String pagePath, String rawQuery, Map<String, String> headers, String requestId,
                             ScheduledExecutorService loop, HttpHeaders browser) {

    /** The headers forwarded to fragments, and nothing else (like Tailor's filter-headers). */
    public static final List<String> FORWARDED = List.of(
            "accept-language", "user-agent", "referer", "traceparent", "tracestate", "x-request-id");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

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

    /** The context of a browser's page request. */
    public static RequestContext of(ServerHttpRequest request) {
        HttpHeaders in = request.getHeaders();
        Map<String, String> headers = new HashMap<>(8);
        for (String name : FORWARDED) {
            String value = in.getFirst(name);
            if (value != null && isSafeValue(value, 1024)) {
                headers.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        String requestId = headers.get("x-request-id");
        if (requestId == null || !isSafeId(requestId)) {
            requestId = newId();
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

    /** 128 random bits as 32 hex digits: unique enough to follow a request, and cheaper than a SecureRandom UUID. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            id[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
            id[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
        }
        return new String(id);
    }

    private static boolean isSafeId(String id) {
        if (id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }
}
