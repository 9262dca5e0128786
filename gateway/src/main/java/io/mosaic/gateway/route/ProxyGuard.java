package io.mosaic.gateway.route;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.request.RequestMdc;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Guards one fragment's proxy routes (its assets and APIs, called by browsers) with a breaker and
 * a bulkhead of their own, so a team's dead or slow API costs that team's calls only: the proxy's
 * connection pool is shared by every fragment. An open breaker or a full bulkhead answers 503 at
 * once, without calling the origin, with {@code Retry-After} and the reason in plain text.
 *
 * <p>The breaker counts what a browser would call a server failure: an error before the origin
 * answered (refused, reset, timed out) or a 5xx answer. The proxy's breaker is not the page's: an
 * API failing on one path does not take the team's box off every page.
 */
final class ProxyGuard implements GatewayFilter, Ordered {

    /** Before the prefix is stripped and long before the routing filter: a refusal costs nothing. */
    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        FragmentPlan fragment = ProxyRoutes.call(exchange).fragment();
        CircuitBreaker breaker = fragment.proxyBreaker();
        Bulkhead bulkhead = fragment.proxyBulkhead();
        boolean permitted;
        // The breaker logs its transitions where they happen: with the call's request id.
        try (RequestMdc ignored = RequestMdc.of(exchange)) {
            permitted = breaker.tryAcquirePermission();
        }
        if (!permitted) {
            long retryAfter = Math.max(1, breaker.getCircuitBreakerConfig()
                    .getWaitIntervalFunctionInOpenState().apply(1) / 1000);
            return refuse(exchange.getResponse(), fragment.name(), "circuit breaker open", Duration.ofSeconds(retryAfter));
        }
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            return refuse(exchange.getResponse(), fragment.name(), "too many calls in flight", Duration.ofSeconds(1));
        }
        long started = System.nanoTime();
        AtomicBoolean done = new AtomicBoolean();
        return chain.filter(exchange)
                .doOnSuccess(ignored -> {
                    if (done.compareAndSet(false, true)) {
                        bulkhead.onComplete();
                        HttpStatusCode status = exchange.getResponse().getStatusCode();
                        long nanos = System.nanoTime() - started;
                        try (RequestMdc mdc = RequestMdc.of(exchange)) {
                            if (status != null && status.is5xxServerError()) {
                                breaker.onError(nanos, TimeUnit.NANOSECONDS, new OriginAnswered(status));
                            } else {
                                breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
                            }
                        }
                    }
                })
                .doOnError(error -> {
                    if (done.compareAndSet(false, true)) {
                        bulkhead.onComplete();
                        try (RequestMdc mdc = RequestMdc.of(exchange)) {
                            breaker.onError(System.nanoTime() - started, TimeUnit.NANOSECONDS, error);
                        }
                    }
                })
                .doOnCancel(() -> {
                    // The browser went away: nothing learned of the origin.
                    if (done.compareAndSet(false, true)) {
                        bulkhead.onComplete();
                        breaker.releasePermission();
                    }
                });
    }

    private static Mono<Void> refuse(ServerHttpResponse response, String fragment, String reason, Duration retryAfter) {
        response.setStatusCode(HttpStatus.SERVICE_UNAVAILABLE);
        HttpHeaders headers = response.getHeaders();
        headers.setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter.toSeconds()));
        headers.setCacheControl("no-store");
        byte[] body = ("fragment " + fragment + ": " + reason + ", origin not called\n").getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }

    /** A 5xx answer, recorded as the breaker's failure. */
    static final class OriginAnswered extends RuntimeException {

        OriginAnswered(HttpStatusCode status) {
            super("origin answered " + status.value(), null, false, false);
        }
    }
}
