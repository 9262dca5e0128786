package io.mosaic.gateway.route;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.ProxyPath;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.StripPrefixGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.server.ServerWebExchange;

/**
 * The Spring Cloud Gateway routes of one fragment, built from the manifest: its declared assets
 * (GET and HEAD, exact paths) and its declared proxy prefixes (any method), both under
 * {@code /fragments/NAME}, forwarded to the fragment's origin with that prefix stripped.
 * Nothing else of the origin is reachable. Browser credentials are not forwarded and the
 * origin cannot set cookies on the gateway's origin, which all teams share. Each fragment's
 * routes are guarded by its own proxy breaker and bulkhead ({@link ProxyGuard}); a connection
 * the origin policy refuses answers 502 ({@link ProxyOriginRefusal}).
 */
public final class ProxyRoutes {

    /** The gateway path under which a fragment's proxy lives. */
    public static String basePath(String fragmentName) {
        return "/fragments/" + fragmentName;
    }

    private static final Set<HttpMethod> READ_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD);

    private final GatewayFilter stripPrefix;
    private final GatewayFilter hygiene = new OrderedGatewayFilter(ProxyRoutes::hygiene, 0);

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
        URI origin = origin(fragment.url());
        String base = basePath(fragment.name());
        List<Route> routes = new ArrayList<>();
        List<String> assets = new ArrayList<>();
        assets.addAll(fragment.assets().css());
        assets.addAll(fragment.assets().js());
        List<String> assetPaths = assets.stream().map(ProxyRoutes::withoutQuery).distinct().toList();
        if (!assetPaths.isEmpty()) {
            routes.add(Route.async()
                    .id("fragment-" + fragment.name() + "-assets")
                    .uri(origin)
                    .predicate(exchange -> READ_METHODS.contains(exchange.getRequest().getMethod())
                            && originPath(exchange, base).filter(assetPaths::contains).isPresent())
                    .filters(refusal, guard, stripPrefix, hygiene)
                    .build());
        }
        for (ProxyPath proxy : fragment.proxy()) {
            // Methods are not checked here yet: every proxy path still forwards any method, as before.
            String prefix = proxy.path();
            routes.add(Route.async()
                    .id("fragment-" + fragment.name() + "-proxy" + prefix.replace('/', '-'))
                    .uri(origin)
                    .predicate(exchange -> originPath(exchange, base)
                            .filter(path -> prefix.equals("/") || path.equals(prefix) || path.startsWith(prefix + "/"))
                            .isPresent())
                    .filters(refusal, guard, stripPrefix, hygiene)
                    .build());
        }
        return routes;
    }

    /**
     * The origin path a request asks for under {@code base}, when it is a clean path: no dot
     * segments, encoded slashes or backslashes that could step outside the declared paths.
     */
    static java.util.Optional<String> originPath(ServerWebExchange exchange, String base) {
        String raw = exchange.getRequest().getPath().value();
        if (!raw.startsWith(base + "/")) {
            return java.util.Optional.empty();
        }
        String path = raw.substring(base.length());
        String lower = path.toLowerCase(Locale.ROOT);
        if (lower.contains("%2e") || lower.contains("%2f") || lower.contains("%5c") || path.contains("\\")
                || path.contains("/../") || path.endsWith("/..") || path.contains("/./") || path.endsWith("/.")
                || path.contains("//")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(path);
    }

    private static reactor.core.publisher.Mono<Void> hygiene(ServerWebExchange exchange,
                                                              org.springframework.cloud.gateway.filter.GatewayFilterChain chain) {
        ServerWebExchange cleaned = exchange.mutate()
                .request(request -> request.headers(headers -> {
                    headers.remove(HttpHeaders.COOKIE);
                    headers.remove(HttpHeaders.AUTHORIZATION);
                }))
                .build();
        cleaned.getResponse().beforeCommit(() -> {
            cleaned.getResponse().getHeaders().remove(HttpHeaders.SET_COOKIE);
            return reactor.core.publisher.Mono.empty();
        });
        return chain.filter(cleaned);
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    private static URI origin(URI url) {
        return URI.create(url.getScheme() + "://" + url.getRawAuthority());
    }
}
