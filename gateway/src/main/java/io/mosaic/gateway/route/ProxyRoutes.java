package io.mosaic.gateway.route;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mosaic.gateway.policy.PathPolicy;
import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.ProxyPath;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.StripPrefixGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.web.server.ServerWebExchange;

/**
 * The Spring Cloud Gateway routes of one fragment, built from the manifest: its declared assets
 * (GET and HEAD, exact paths) and its declared proxy prefixes (the methods each declares), both
 * under {@code /fragments/NAME}, forwarded to the fragment's origin with that prefix stripped.
 * Which paths are served is the fragment's {@link PathPolicy}, the same one its URL rewriter asks;
 * a refused path was already answered 400 by {@link ProxyPathFilter} and matches no route here
 * either. On each route, in order: {@link ProxyAdmission} (405, 413 by declared length), the
 * origin refusal (502, {@link ProxyOriginRefusal}), the breaker and bulkhead ({@link ProxyGuard}),
 * the prefix strip, the streaming body cap ({@link RequestBodyCap}) and the header allow-lists
 * ({@link ProxyHeaders}).
 */
public final class ProxyRoutes {

    /** The gateway path under which a fragment's proxy lives. */
    public static String basePath(String fragmentName) {
        return "/fragments/" + fragmentName;
    }

    private static final List<String> READ_METHODS = List.of("GET", "HEAD");

    private final GatewayFilter stripPrefix;

    public ProxyRoutes() {
        StripPrefixGatewayFilterFactory.Config config = new StripPrefixGatewayFilterFactory.Config();
        config.setParts(2);
        // Route filters run in their order among the global ones; unordered ones would run after the routing filter.
        this.stripPrefix = new OrderedGatewayFilter(new StripPrefixGatewayFilterFactory().apply(config), 1);
    }

    /**
     * The routes of {@code fragment}: one for its assets, one per proxy prefix, all guarded by
     * {@code breaker} and {@code bulkhead}.
     */
    public List<Route> routes(FragmentDefinition fragment, CircuitBreaker breaker, Bulkhead bulkhead) {
        GatewayFilter guard = new ProxyGuard(fragment.name(), breaker, bulkhead);
        GatewayFilter refusal = new ProxyOriginRefusal(fragment.name());
        GatewayFilter bodyCap = new RequestBodyCap(fragment.name(), fragment.maxRequestBody());
        URI origin = origin(fragment.url());
        String base = basePath(fragment.name());
        List<String> assetPaths = new ArrayList<>();
        fragment.assets().css().forEach(path -> assetPaths.add(withoutQuery(path)));
        fragment.assets().js().forEach(path -> assetPaths.add(withoutQuery(path)));
        PathPolicy paths = PathPolicy.of(assetPaths.stream().distinct().toList(),
                fragment.proxy().stream().map(ProxyPath::path).toList());
        GatewayFilter headers = new ProxyHeaders(base, fragment.forward(), paths);
        List<Route> routes = new ArrayList<>();
        if (!assetPaths.isEmpty()) {
            GatewayFilter admission = new ProxyAdmission(fragment.name(), READ_METHODS, fragment.maxRequestBody());
            routes.add(Route.async()
                    .id("fragment-" + fragment.name() + "-assets")
                    .uri(origin)
                    // An asset under a proxy prefix answers that prefix's other methods there.
                    .predicate(exchange -> originPath(exchange, base).filter(path -> paths.isExact(path)
                            && (isRead(exchange) || paths.prefixOf(path).isEmpty())).isPresent())
                    .filters(admission, refusal, guard, stripPrefix, bodyCap, headers)
                    .build());
        }
        for (ProxyPath proxy : fragment.proxy()) {
            String prefix = proxy.path();
            GatewayFilter admission = new ProxyAdmission(fragment.name(), proxy.methods(), fragment.maxRequestBody());
            routes.add(Route.async()
                    .id("fragment-" + fragment.name() + "-proxy" + prefix.replace('/', '-'))
                    .uri(origin)
                    // The longest declared prefix decides, so /api/admin's methods hold under /api.
                    .predicate(exchange -> originPath(exchange, base)
                            .flatMap(paths::prefixOf).filter(prefix::equals).isPresent())
                    .filters(admission, refusal, guard, stripPrefix, bodyCap, headers)
                    .build());
        }
        return routes;
    }

    private static boolean isRead(ServerWebExchange exchange) {
        return READ_METHODS.contains(exchange.getRequest().getMethod().name());
    }

    /** The origin path (raw, as sent) a request asks for under {@code base}; the policy judges it. */
    static Optional<String> originPath(ServerWebExchange exchange, String base) {
        String raw = exchange.getRequest().getPath().value();
        return raw.startsWith(base + "/") ? Optional.of(raw.substring(base.length())) : Optional.empty();
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static URI origin(URI url) {
        return URI.create(url.getScheme() + "://" + url.getRawAuthority());
    }
}
