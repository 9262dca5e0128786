package io.mosaic.gateway.route;

import io.mosaic.gateway.policy.PathPolicy;
import io.mosaic.manifest.GatewayPaths;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses, before any route is looked at, a call under {@code /fragments/} whose path the
 * {@link PathPolicy} refuses (400, with the reason in plain text) or whose method is not a
 * standard HTTP method (501): a made-up method never reaches a route, so it neither reaches an
 * origin nor adds a series to the gateway's per-route metrics, which are tagged with the method.
 * Spring Security's firewall refuses many of these paths too; this filter does not rely on it, and
 * runs first so the answer says why.
 */
public final class ProxyPathFilter implements WebFilter, Ordered {

    private static final String PREFIX = GatewayPaths.PROXY + "/";
    private static final Set<HttpMethod> KNOWN = Set.of(HttpMethod.values());

    /** Before Spring Security's filter chain (-100), so its firewall's bare 400 does not hide the reason. */
    @Override
    public int getOrder() {
        return -200;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith(PREFIX)) {
            return chain.filter(exchange);
        }
        if (!KNOWN.contains(exchange.getRequest().getMethod())) {
            return refuse(exchange.getResponse(), HttpStatus.NOT_IMPLEMENTED, "unknown method, not forwarded");
        }
        Optional<String> refusal = PathPolicy.refusal(path);
        if (refusal.isPresent()) {
            return refuse(exchange.getResponse(), HttpStatus.BAD_REQUEST, "path refused: " + refusal.get());
        }
        return chain.filter(exchange);
    }

    private static Mono<Void> refuse(ServerHttpResponse response, HttpStatus status, String reason) {
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        headers.setCacheControl("no-store");
        byte[] body = (reason + "\n").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
