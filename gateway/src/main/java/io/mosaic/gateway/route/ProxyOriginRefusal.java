package io.mosaic.gateway.route;

import io.mosaic.gateway.origin.OriginRefusedException;
import io.mosaic.gateway.request.RequestMdc;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers a proxied call whose connection the origin policy refused (the proxy client's resolver
 * or connect check, see {@code io.mosaic.gateway.origin.OriginGuard}) with 502 and a short plain
 * reason; the origin was never called. The browser is not told which address the host resolved
 * to, since that would map the gateway's network for anyone: the full reason goes to the log, at
 * most one line per fragment every 10 s. Outside the proxy breaker, which ignores refusals.
 */
final class ProxyOriginRefusal implements GatewayFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(ProxyOriginRefusal.class);
    private static final long LOG_INTERVAL = TimeUnit.SECONDS.toNanos(10);

    /** One fragment's log window: when it last logged, and how many refusals went unlogged since. */
    private record Window(AtomicLong lastLogged, AtomicLong suppressed) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** Before the guard (0): the guard's breaker sees the refusal, and ignores it. */
    @Override
    public int getOrder() {
        return -1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return chain.filter(exchange).onErrorResume(error -> OriginRefusedException.in(error) != null
                && !exchange.getResponse().isCommitted(), error -> refuse(exchange, OriginRefusedException.in(error)));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, OriginRefusedException refusal) {
        String fragment = ProxyRoutes.call(exchange).fragment().name();
        try (RequestMdc ignored = RequestMdc.of(exchange)) {
            logOnce(fragment, refusal);
        }
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(HttpStatus.BAD_GATEWAY);
        HttpHeaders headers = response.getHeaders();
        headers.clear();
        headers.setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        headers.setCacheControl("no-store");
        byte[] body = ("fragment " + fragment + ": origin refused by the gateway's origin policy, origin not called\n")
                .getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    private void logOnce(String fragment, OriginRefusedException refusal) {
        long now = System.nanoTime();
        Window window = windows.computeIfAbsent(fragment, name -> new Window(new AtomicLong(now - LOG_INTERVAL - 1), new AtomicLong()));
        AtomicLong lastLogged = window.lastLogged();
        AtomicLong suppressed = window.suppressed();
        long last = lastLogged.get();
        if (now - last > LOG_INTERVAL && lastLogged.compareAndSet(last, now)) {
            long more = suppressed.getAndSet(0);
            log.warn("fragment {} proxy: {}; answered 502{}", fragment, refusal.getMessage(),
                    more > 0 ? " (" + more + " more refused since the last line)" : "");
        } else {
            suppressed.incrementAndGet();
        }
    }
}
