package io.mosaic.gateway.route;

import java.nio.charset.StandardCharsets;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Admits a proxied call only with a method its route allows (405 with {@code Allow} otherwise)
 * and a body its fragment accepts by its declared size (413), before anything else: the origin is
 * not called and the fragment's proxy breaker and bulkhead are not asked. A chunked body of
 * unknown size is counted while it streams ({@link RequestBodyCap}).
 */
final class ProxyAdmission implements GatewayFilter, Ordered {

    /** First of the route's filters, before the origin refusal (-1) and the guard (0). */
    @Override
    public int getOrder() {
        return -2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        ProxyRoutes.Call call = ProxyRoutes.call(exchange);
        String fragment = call.fragment().name();
        long maxRequestBody = call.fragment().definition().maxRequestBody();
        if (!call.match().methods().contains(request.getMethod().name())) {
            String allow = String.join(", ", call.match().methods());
            exchange.getResponse().getHeaders().set(HttpHeaders.ALLOW, allow);
            return refuse(exchange.getResponse(), HttpStatus.METHOD_NOT_ALLOWED,
                    "fragment " + fragment + ": method " + request.getMethod().name() + " is not allowed here; allowed: " + allow);
        }
        long length = request.getHeaders().getContentLength();
        boolean chunked = request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING);
        if (length > maxRequestBody || maxRequestBody == 0 && (length > 0 || chunked)) {
            return refuse(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE,
                    "fragment " + fragment + ": request body larger than the " + maxRequestBody + " bytes this fragment accepts");
        }
        return chain.filter(exchange);
    }

    /** A refusal in plain text that names the fragment and the reason; the origin was not called. */
    static Mono<Void> refuse(ServerHttpResponse response, HttpStatus status, String reason) {
        response.setStatusCode(status);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        headers.setCacheControl("no-store");
        byte[] body = (reason + ", origin not called\n").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
