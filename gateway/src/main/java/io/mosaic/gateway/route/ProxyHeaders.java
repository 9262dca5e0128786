package io.mosaic.gateway.route;

import io.mosaic.gateway.policy.HeaderPolicy;
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
 * Applies the fragment's {@link HeaderPolicy} to a proxied call: the request carries only allowed
 * and declared headers and declared cookies to the origin, and the answer carries only allowed
 * headers, declared cookies scoped to the fragment's path and a {@code Location} inside its proxy
 * routes back to the browser, sandboxed.
 */
final class ProxyHeaders implements GatewayFilter, Ordered {

    /** After the guard (0), before the routing filter. */
    @Override
    public int getOrder() {
        return 3;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        HeaderPolicy policy = ProxyRoutes.call(exchange).fragment().policy().headers();
        HttpHeaders allowed = policy.toOrigin(exchange.getRequest().getHeaders(), exchange.getRequest().getCookies());
        ServerWebExchange filtered = exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.clear();
                    headers.putAll(allowed);
                }))
                .build();
        ServerHttpResponse response = filtered.getResponse();
        response.beforeCommit(() -> {
            URI called = filtered.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
            policy.toBrowser(response.getHeaders(), called == null ? URI.create("http://invalid/") : called);
            return Mono.empty();
        });
        return chain.filter(filtered);
    }
}
