package io.mosaic.gateway.route;

import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Points the call at the fragment's origin: its scheme and authority, the path below
 * {@code /fragments/NAME} as the browser sent it (its policy has judged it) and the query as
 * sent. Right after Spring Cloud Gateway's {@link RouteToRequestUrlFilter}, which only knows the
 * one route's placeholder URI, and before the routing filter calls it.
 */
final class ProxyTarget implements GatewayFilter, Ordered {

    @Override
    public int getOrder() {
        return RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ProxyRoutes.Call call = ProxyRoutes.call(exchange);
        String query = exchange.getRequest().getURI().getRawQuery();
        URI target = URI.create(call.fragment().policy().originBase() + call.originPath() + (query == null ? "" : "?" + query));
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, target);
        return chain.filter(exchange);
    }
}
