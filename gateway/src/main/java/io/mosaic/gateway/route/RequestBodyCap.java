package io.mosaic.gateway.route;

import java.util.concurrent.atomic.AtomicLong;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Counts a proxied request body while it streams to the origin and stops it at the fragment's
 * {@code maxRequestBody}: a chunked body has no length to refuse up front ({@link ProxyAdmission}
 * refuses a declared one). The call ends with 413 when the origin has not answered yet. Inside the
 * proxy guard, which sees a 413 (a client error) and never counts it against the breaker.
 */
final class RequestBodyCap implements GatewayFilter, Ordered {

    /** After the guard (0), before the routing filter. */
    @Override
    public int getOrder() {
        return 2;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String fragment = ProxyRoutes.call(exchange).fragment().name();
        long maxRequestBody = ProxyRoutes.call(exchange).fragment().definition().maxRequestBody();
        HttpHeaders headers = request.getHeaders();
        if (headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange);
        }
        AtomicLong read = new AtomicLong();
        Flux<DataBuffer> counted = request.getBody().map(buffer -> {
            if (read.addAndGet(buffer.readableByteCount()) > maxRequestBody) {
                DataBufferUtils.release(buffer);
                throw new TooLarge();
            }
            return buffer;
        });
        ServerHttpRequest capped = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                return counted;
            }
        };
        return chain.filter(exchange.mutate().request(capped).build())
                .onErrorResume(error -> tooLarge(error) && !exchange.getResponse().isCommitted(),
                        error -> {
                            exchange.getResponse().getHeaders().clear();
                            return ProxyAdmission.refuse(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE,
                                    "fragment " + fragment + ": request body larger than the " + maxRequestBody
                                            + " bytes this fragment accepts; stopped while streaming");
                        });
    }

    private static boolean tooLarge(Throwable error) {
        for (Throwable cause = Exceptions.unwrap(error); cause != null; cause = cause.getCause()) {
            if (cause instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    /** The body passed the cap; no stack trace, it is a client's doing. */
    static final class TooLarge extends RuntimeException {

        TooLarge() {
            super("request body too large", null, false, false);
        }
    }
}
