package io.mosaic.gateway.registry.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.gateway.server.Origins;
import io.mosaic.manifest.GatewayPaths;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Throttles token guessing per client address on the control origin: an address whose sign-ins failed
 * {@code maxFailures} times within {@code window} (a wrong token on the console's sign-in form, or
 * a wrong bearer token on the API, the console or the actuator) is answered 429 with
 * {@code Retry-After} for every sign-in it attempts until the oldest of those failures is
 * {@code window} old, whether or not the token it sends then is right. A request that presents no
 * token (a browser with its session, a load balancer's health check) is never throttled. Runs
 * before Spring Security, so a throttled attempt costs no token comparison. Counted in
 * {@code mosaic_control_sign_in_failures_total{kind}} and {@code mosaic_control_sign_in_throttled_total}.
 *
 * <p>The address is the connection's: behind a reverse proxy every client shares the proxy's
 * (set {@code server.forward-headers-strategy=native} there, so Spring reads the client's from
 * {@code X-Forwarded-For}).
 */
public final class SignInThrottle implements WebFilter, Ordered {

    static final String LOGIN = GatewayPaths.CONSOLE_LOGIN;

    private final int maxFailures;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Cache<String, Deque<Long>> failures;
    private final Counter bearerFailures;
    private final Counter formFailures;
    private final Counter throttled;

    public SignInThrottle(int maxFailures, Duration window, MeterRegistry meters, LongSupplier clock) {
        if (maxFailures < 1) {
            throw new IllegalArgumentException("mosaic.control.sign-in.max-failures must be at least 1, got " + maxFailures);
        }
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
        this.clock = clock;
        // Bounded: a flood of addresses costs at most this many small entries, each gone a window after its last failure.
        this.failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(window).build();
        this.bearerFailures = counter(meters, "bearer");
        this.formFailures = counter(meters, "form");
        this.throttled = Counter.builder("mosaic.control.sign.in.throttled")
                .description("Sign-ins refused with 429 because their address failed too often").register(meters);
    }

    private static Counter counter(MeterRegistry meters, String kind) {
        return Counter.builder("mosaic.control.sign.in.failures")
                .description("Failed sign-ins: a wrong bearer token, or a wrong token on the console's sign-in form")
                .tag("kind", kind).register(meters);
    }

    /** Before Spring Security's filter chain (-100). */
    @Override
    public int getOrder() {
        return -150;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!Origins.isControlPath(request)) {
            return chain.filter(exchange); // a team's proxied API may answer 401 to its own tokens: not a sign-in
        }
        boolean form = request.getMethod() == HttpMethod.POST && request.getPath().pathWithinApplication().value().equals(LOGIN);
        boolean bearer = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
        if (!form && !bearer) {
            return chain.filter(exchange);
        }
        String address = address(request);
        long wait = waitNanos(address);
        if (wait > 0) {
            throttled.increment();
            return refuse(exchange.getResponse(), Math.max(1, (wait + 999_999_999L) / 1_000_000_000L));
        }
        ServerHttpResponse response = exchange.getResponse();
        response.beforeCommit(() -> {
            if (form ? failedForm(response) : failedBearer(response)) {
                failed(address);
                (form ? formFailures : bearerFailures).increment();
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    /** A wrong token on the form is sent back to the form with {@code ?error}. */
    private static boolean failedForm(ServerHttpResponse response) {
        return response.getHeaders().getLocation() != null && response.getHeaders().getLocation().toString().startsWith(LOGIN + "?error");
    }

    private static boolean failedBearer(ServerHttpResponse response) {
        HttpStatusCode status = response.getStatusCode();
        return status != null && status.value() == 401;
    }

    /** How long {@code address} must still wait, in nanoseconds; 0 when it may try. */
    long waitNanos(String address) {
        Deque<Long> times = failures.getIfPresent(address);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            long now = clock.getAsLong();
            while (!times.isEmpty() && now - times.peekFirst() >= windowNanos) {
                times.pollFirst();
            }
            return times.size() < maxFailures ? 0 : windowNanos - (now - times.peekFirst());
        }
    }

    void failed(String address) {
        Deque<Long> times = failures.get(address, key -> new ArrayDeque<>(maxFailures + 1));
        synchronized (times) {
            times.addLast(clock.getAsLong());
            while (times.size() > maxFailures) {
                times.pollFirst();
            }
        }
    }

    private static String address(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private static Mono<Void> refuse(ServerHttpResponse response, long retryAfterSeconds) {
        response.setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        response.getHeaders().setContentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8));
        response.getHeaders().setCacheControl("no-store");
        byte[] body = ("too many failed sign-ins from this address; retry after " + retryAfterSeconds + " s\n")
                .getBytes(StandardCharsets.UTF_8);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body)));
    }
}
