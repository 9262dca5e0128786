package io.mosaic.gateway.request;

import java.util.function.Function;
import org.reactivestreams.Subscription;
import org.slf4j.MDC;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoOperator;
import reactor.util.context.Context;

/**
 * A request's id and trace id in the MDC ({@value RequestIds#REQUEST_ID}, {@value RequestIds#TRACE_ID})
 * for the lines logged about it, where the gateway decides them: a block ({@link #of}, closed by
 * try-with-resources) or a Mono's subscription and signals ({@link #around}). The values the thread
 * had before are put back afterwards, so nothing stays behind on an event loop.
 *
 * <p>Without Reactor's automatic context propagation (the default: it costs about four times the
 * allocation of a page request, see {@code e2e/docs/operations.md}) this is how the MDC reaches lines logged on
 * whichever thread a request's work runs: a handful of MDC writes where a line may be logged,
 * nothing per signal elsewhere.
 */
public final class RequestMdc implements AutoCloseable {

    private final String previousId;
    private final String previousTrace;

    private RequestMdc(String requestId, String traceId) {
        previousId = MDC.get(RequestIds.REQUEST_ID);
        previousTrace = MDC.get(RequestIds.TRACE_ID);
        put(RequestIds.REQUEST_ID, requestId);
        put(RequestIds.TRACE_ID, traceId);
    }

    /** The MDC of the exchange's request until {@link #close}. */
    public static RequestMdc of(ServerWebExchange exchange) {
        return new RequestMdc(RequestIds.of(exchange), RequestIds.traceId(exchange.getRequest().getHeaders().getFirst("traceparent")));
    }

    /** The MDC of a request with this id and {@code traceparent} header (null when none) until {@link #close}. */
    public static RequestMdc of(String requestId, String traceparent) {
        return new RequestMdc(requestId, RequestIds.traceId(traceparent));
    }

    /**
     * The request's MDC around a Mono's subscription and around each of its signals, so that what
     * runs downstream of it in the same call (a breaker recording the result and logging its
     * transition, an outcome being logged) logs with it: {@code mono.transform(RequestMdc.around(id, traceparent))}.
     */
    public static <T> Function<Mono<T>, Mono<T>> around(String requestId, String traceparent) {
        String traceId = RequestIds.traceId(traceparent);
        return source -> new Around<>(source, requestId, traceId);
    }

    @Override
    public void close() {
        put(RequestIds.REQUEST_ID, previousId);
        put(RequestIds.TRACE_ID, previousTrace);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    private static final class Around<T> extends MonoOperator<T, T> {

        private final String requestId;
        private final String traceId;

        Around(Mono<? extends T> source, String requestId, String traceId) {
            super(source);
            this.requestId = requestId;
            this.traceId = traceId;
        }

        @Override
        public void subscribe(CoreSubscriber<? super T> actual) {
            try (RequestMdc ignored = new RequestMdc(requestId, traceId)) {
                source.subscribe(new Signals<>(actual, requestId, traceId));
            }
        }
    }

    private record Signals<T>(CoreSubscriber<? super T> actual, String requestId, String traceId) implements CoreSubscriber<T> {

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription subscription) {
            actual.onSubscribe(subscription);
        }

        @Override
        public void onNext(T value) {
            try (RequestMdc ignored = new RequestMdc(requestId, traceId)) {
                actual.onNext(value);
            }
        }

        @Override
        public void onError(Throwable error) {
            try (RequestMdc ignored = new RequestMdc(requestId, traceId)) {
                actual.onError(error);
            }
        }

        @Override
        public void onComplete() {
            try (RequestMdc ignored = new RequestMdc(requestId, traceId)) {
                actual.onComplete();
            }
        }
    }
}
