package io.mosaic.gateway.fetch;

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
 * What of the browser's request a fragment may see: the page's path and query, and an
 * allow-list of headers. Cookies and {@code Authorization} are never forwarded: the fragments
 * of many teams must not see each other's credentials.
 *
 * @param pagePath the path of the page being composed
 * @param rawQuery the page's query string, forwarded so that fragments can serve searches; null when none
 * @param headers the forwarded headers, by lowercase name
 * @param requestId the request id, taken from {@code X-Request-Id} or made up
 * @param loop the Netty event loop serving the page request, where fetch deadlines are timed; null off Netty
 */
public record RequestContext(String pagePath, String rawQuery, Map<String, String> headers, String requestId,
                             ScheduledExecutorService loop) {

    /** The headers forwarded to fragments, and nothing else (like Tailor's filter-headers). */
    public static final List<String> FORWARDED = List.of(
            "accept-language", "user-agent", "referer", "traceparent", "tracestate", "x-request-id");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    public RequestContext {
        headers = Map.copyOf(headers);
    }

    /** The context of a browser's page request. */
    public static RequestContext of(ServerHttpRequest request) {
        HttpHeaders in = request.getHeaders();
        Map<String, String> headers = new HashMap<>(8);
        for (String name : FORWARDED) {
            String value = in.getFirst(name);
            if (value != null && value.length() <= 1024 && value.chars().noneMatch(c -> c < ' ' && c != '\t')) {
                headers.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        String requestId = headers.get("x-request-id");
        if (requestId == null || !isSafeId(requestId)) {
            requestId = newId();
        }
        headers.put("x-request-id", requestId);
        return new RequestContext(request.getPath().value(), request.getURI().getRawQuery(), headers, requestId, eventLoop(request));
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
