package io.mosaic.gateway.route;

import io.mosaic.gateway.policy.HeaderPolicy;
import io.mosaic.gateway.policy.PathPolicy;
import io.mosaic.manifest.Forwarding;
import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Applies the {@link HeaderPolicy} to a proxied call: the request carries only allowed and
 * declared headers and declared cookies to the origin, and the answer carries only allowed
 * headers, declared cookies scoped to the fragment's path and a {@code Location} inside its
 * proxy routes back to the browser.
 */
final class ProxyHeaders implements GatewayFilter, Ordered {

    private final String basePath;
    private final Forwarding forward;
    private final PathPolicy paths;

    ProxyHeaders(String basePath, Forwarding forward, PathPolicy paths) {
        this.basePath = basePath;
        this.forward = forward;
        this.paths = paths;
    }

    /** After the guard (0) and the prefix strip (1), before the routing filter. */
    @Override
    public int getOrder() {
        return 3;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HttpHeaders allowed = HeaderPolicy.toOrigin(exchange.getRequest().getHeaders(),
                exchange.getRequest().getCookies(), forward, basePath);
        ServerWebExchange filtered = exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.clear();
                    headers.putAll(allowed);
                }))
                .build();
        ServerHttpResponse response = filtered.getResponse();
        response.beforeCommit(() -> {
            URI called = filtered.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
            HeaderPolicy.toBrowser(response.getHeaders(), called == null ? URI.create("http://invalid/") : called,
                    basePath, paths, forward.cookies());
            return Mono.empty();
        });
        return chain.filter(filtered);
    }
}
