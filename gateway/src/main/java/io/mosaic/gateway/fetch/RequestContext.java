package io.mosaic.gateway.fetch;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
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
 */
public record RequestContext(String pagePath, String rawQuery, Map<String, String> headers, String requestId) {

    /** The headers forwarded to fragments, and nothing else (like Tailor's filter-headers). */
    public static final List<String> FORWARDED = List.of(
            "accept-language", "user-agent", "referer", "traceparent", "tracestate", "x-request-id");

    public RequestContext {
        headers = Map.copyOf(headers);
    }

    /** The context of a browser's page request. */
    public static RequestContext of(ServerHttpRequest request) {
        HttpHeaders in = request.getHeaders();
        Map<String, String> headers = new TreeMap<>();
        for (String name : FORWARDED) {
            String value = in.getFirst(name);
            if (value != null && value.length() <= 1024 && value.chars().noneMatch(c -> c < ' ' && c != '\t')) {
                headers.put(name.toLowerCase(Locale.ROOT), value);
            }
        }
        String requestId = headers.get("x-request-id");
        if (requestId == null || !requestId.matches("[A-Za-z0-9._:-]{1,128}")) {
            requestId = UUID.randomUUID().toString();
        }
        headers.put("x-request-id", requestId);
        return new RequestContext(request.getPath().value(), request.getURI().getRawQuery(), headers, requestId);
    }
}
