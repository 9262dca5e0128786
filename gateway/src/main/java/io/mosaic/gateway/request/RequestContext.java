package io.mosaic.gateway.request;

import io.mosaic.gateway.policy.HeaderPolicy;
import io.mosaic.manifest.Reach;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.netty.Connection;

/**
 * What of the browser's request a page's fragments may see: the page's path and query and an
 * allow-list of headers ({@link Reach#PAGE_FETCH}); what one fragment declares on top is
 * its {@link HeaderPolicy}'s to add ({@link HeaderPolicy#forPageFetch}). Nothing else: the
 * fragments of many teams must not see each other's credentials.
 *
 * @param pagePath the path of the page being composed
 * @param rawQuery the page's query string, forwarded so that fragments can serve searches; null when none
 * @param headers the forwarded headers, by lowercase name
 * @param requestId the request's id, as {@link RequestIds} decided it (the caller's {@code X-Request-Id} or a new one)
 * @param loop the Netty event loop serving the page request, where fetch deadlines are timed; null off Netty
 * @param browser the browser's request headers, read only by a fragment's {@link HeaderPolicy} for what it declares
 */
public record RequestContext(String pagePath, String rawQuery, Map<String, String> headers, String requestId,
                             ScheduledExecutorService loop, HttpHeaders browser) {

    public RequestContext {
        headers = Map.copyOf(headers);
        browser = browser == null ? HttpHeaders.EMPTY : browser;
    }

    /** The context of a browser's page request, its id decided from its own {@code X-Request-Id}. */
    public static RequestContext of(ServerHttpRequest request) {
        return of(request, RequestIds.decide(request.getHeaders().getFirst("x-request-id")));
    }

    /** The context of a browser's page request whose id was already decided (see {@link RequestIds#of}). */
    public static RequestContext of(ServerHttpRequest request, String requestId) {
        HttpHeaders in = request.getHeaders();
        Map<String, String> headers = new HashMap<>(8);
        for (String name : Reach.PAGE_FETCH) {
            String value = in.getFirst(name);
            if (value != null && HeaderPolicy.isSafeValue(value, 1024)) {
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
