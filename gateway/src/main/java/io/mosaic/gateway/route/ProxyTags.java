package io.mosaic.gateway.route;

import io.micrometer.core.instrument.Tags;
import org.springframework.cloud.gateway.support.tagsprovider.GatewayTagsProvider;
import org.springframework.web.server.ServerWebExchange;

/**
 * Tags Spring Cloud Gateway's {@code spring.cloud.gateway.requests} timer with the proxied
 * call's {@code fragment} (and its {@code prefix}, or {@code assets}): every fragment shares the
 * one route, so the route id no longer names it. Both are bounded by the plan's fragments and
 * their declared prefixes.
 */
public final class ProxyTags implements GatewayTagsProvider {

    @Override
    public Tags apply(ServerWebExchange exchange) {
        ProxyRoutes.Call call = exchange.getAttribute(ProxyRoutes.CALL);
        if (call == null) {
            return Tags.of("fragment", "none", "prefix", "none"); // every series of the timer has the same tag keys
        }
        return Tags.of("fragment", call.fragment().name(), "prefix", call.match().isAsset() ? "assets" : call.match().prefix());
    }
}
