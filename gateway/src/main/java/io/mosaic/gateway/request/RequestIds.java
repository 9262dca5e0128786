package io.mosaic.gateway.request;

import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Decides every request's id once, before anything else runs: the caller's {@code X-Request-Id}
 * when it is a safe token, otherwise a new one. The id is kept as an exchange attribute, which the
 * page (its response header and the fragments' {@code X-Request-Id}), the registry API, the
 * console's audit entries and {@link RequestMdc} read. The gateway's own lines about a request
 * carry it in the MDC as {@value #REQUEST_ID}, with {@value #TRACE_ID} when the caller sent a
 * valid W3C {@code traceparent}, through {@link RequestMdc} where they are logged.
 *
 * <p>With {@code spring.reactor.context-propagation=auto} the filter also writes both into the
 * Reactor Context, and context-propagation's {@link Slf4jThreadLocalAccessor} for those keys
 * (registered by {@code RequestIdConfiguration}) lets Reactor put them into the MDC around every
 * signal of the request: then every line logged during the request carries them, the
 * framework's included, at the price of about four times the allocation per page request.
 * Without it the filter costs the attribute and, when none was sent, the new id.
 */
public final class RequestIds implements WebFilter, Ordered {

    /** The MDC key of the request id. */
    public static final String REQUEST_ID = "requestId";
    /** The MDC key of the trace id of the caller's {@code traceparent}. */
    public static final String TRACE_ID = "traceId";
    /** The exchange attribute holding the request id. */
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final boolean propagate;

    /** @param propagate whether to write the MDC entries into the Reactor Context (automatic context propagation is on) */
    public RequestIds(boolean propagate) {
        this.propagate = propagate;
    }

    /** First of all filters, so that even the security chain's lines carry the id. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        String id = decide(headers.getFirst("X-Request-Id"));
        exchange.getAttributes().put(ATTRIBUTE, id);
        return around(chain.filter(exchange), id, headers);
    }

    /**
     * {@code handling}, the handling of a request with {@code headers} whose id is {@code id}: with
     * automatic context propagation, with the MDC entries in its Reactor Context; otherwise as it is.
     * For the requests answered before the filters run (the pages, see {@code PageHandler}).
     */
    public Mono<Void> around(Mono<Void> handling, String id, HttpHeaders headers) {
        if (!propagate) {
            return handling;
        }
        String trace = traceId(headers.getFirst("traceparent"));
        Map<String, String> mdc = trace == null ? Map.of(REQUEST_ID, id) : Map.of(REQUEST_ID, id, TRACE_ID, trace);
        return handling.contextWrite(Context.of(Slf4jThreadLocalAccessor.KEY, mdc));
    }

    /** The id of the exchange's request: the one decided by the filter, or (outside the filter, in tests) from its header. */
    public static String of(ServerWebExchange exchange) {
        String id = exchange.getAttribute(ATTRIBUTE);
        return id != null ? id : decide(exchange.getRequest().getHeaders().getFirst("X-Request-Id"));
    }

    /** {@code sent} when it is a safe id (1 to 128 of ASCII letters, digits, {@code . _ : -}), otherwise a new one. */
    public static String decide(String sent) {
        return sent != null && isSafe(sent) ? sent : newId();
    }

    /** 128 random bits as 32 hex digits: unique enough to follow a request, and cheaper than a SecureRandom UUID. */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[32];
        long high = random.nextLong();
        long low = random.nextLong();
        for (int i = 0; i < 16; i++) {
            id[i] = HEX[(int) (high >>> (60 - 4 * i)) & 0xf];
            id[16 + i] = HEX[(int) (low >>> (60 - 4 * i)) & 0xf];
        }
        return new String(id);
    }

    private static boolean isSafe(String id) {
        if (id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    /**
     * The trace id of a W3C {@code traceparent} ({@code 00-<32 hex>-<16 hex>-<2 hex>}, lowercase),
     * or null when the header is absent or malformed or its trace id is all zeros.
     */
    static String traceId(String traceparent) {
        String t = traceparent;
        if (t == null || t.length() < 55 || (t.length() > 55 && t.charAt(55) != '-')
                || t.charAt(2) != '-' || t.charAt(35) != '-' || t.charAt(52) != '-') {
            return null;
        }
        if (!hex(t, 0, 2) || t.startsWith("ff") || !hex(t, 3, 35) || !hex(t, 36, 52) || !hex(t, 53, 55)) {
            return null;
        }
        String id = t.substring(3, 35);
        return id.equals("00000000000000000000000000000000") ? null : id;
    }

    private static boolean hex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
