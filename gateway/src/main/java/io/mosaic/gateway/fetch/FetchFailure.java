package io.mosaic.gateway.fetch;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.mosaic.gateway.origin.OriginRefusedException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Why a fragment fetch gave no usable answer. Every way an origin can fail is mapped to one
 * {@link Kind} here, in one place, so that logs, metrics and the breaker agree.
 */
public final class FetchFailure extends RuntimeException {

    /** The ways a fetch fails. */
    public enum Kind {
        /** The whole deadline passed: connect, headers or body too slow. */
        TIMEOUT("timeout"),
        /** Nothing listens, or the connection could not be made. */
        CONNECT("connection refused"),
        /** The origin's host name does not resolve. */
        DNS("unknown host"),
        /** The connection closed before the whole answer arrived. */
        RESET("connection reset"),
        /** The origin answered 5xx. */
        SERVER_ERROR("server error"),
        /** The origin answered 4xx. */
        CLIENT_ERROR("client error"),
        /** The origin answered 3xx; redirects are never followed. */
        REDIRECT("redirect"),
        /** The answer is larger than the fragment's maxBodySize. */
        TOO_LARGE("too large"),
        /** The answer is not HTML, or is encoded in a way the gateway does not read. */
        UNREADABLE("unreadable answer"),
        /** The circuit breaker is open: the origin was not called. */
        BREAKER_OPEN("breaker open"),
        /** Too many fetches of this fragment are in flight: the origin was not called. */
        BULKHEAD_FULL("bulkhead full"),
        /** The origin policy refused the address the origin's host resolved to: the origin was not called. */
        ORIGIN_REFUSED("origin refused"),
        /** Anything else. */
        OTHER("error");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** A short, stable name for metrics tags and logs. */
        public String label() {
            return label;
        }
    }

    private final Kind kind;
    private final int status;
    private final transient byte[] body;

    public FetchFailure(Kind kind, String detail) {
        this(kind, detail, 0, null, null);
    }

    public FetchFailure(Kind kind, String detail, int status, byte[] body, Throwable cause) {
        super(detail, cause, false, false);
        this.kind = kind;
        this.status = status;
        this.body = body;
    }

    public Kind kind() {
        return kind;
    }

    /** The origin's HTTP status, 0 when it gave none. */
    public int status() {
        return status;
    }

    /** The body of a 4xx answer that was read (404 or 410 of a primary fragment); null otherwise. */
    public byte[] body() {
        return body;
    }

    /** Whether the origin was called at all. */
    public boolean originCalled() {
        return kind != Kind.BREAKER_OPEN && kind != Kind.BULKHEAD_FULL && kind != Kind.ORIGIN_REFUSED;
    }

    /** The failure behind any throwable a fetch can end with. */
    public static FetchFailure of(Throwable error, Duration deadline) {
        if (error instanceof FetchFailure failure) {
            return failure;
        }
        if (error instanceof TimeoutException) {
            return new FetchFailure(Kind.TIMEOUT, "no complete answer within " + deadline.toMillis() + "ms", 0, null, error);
        }
        if (error instanceof CallNotPermittedException) {
            return new FetchFailure(Kind.BREAKER_OPEN, "circuit breaker is open", 0, null, error);
        }
        if (error instanceof BulkheadFullException) {
            return new FetchFailure(Kind.BULKHEAD_FULL, "too many fetches in flight", 0, null, error);
        }
        OriginRefusedException refused = OriginRefusedException.in(error);
        if (refused != null) {
            return new FetchFailure(Kind.ORIGIN_REFUSED, refused.getMessage(), 0, null, error);
        }
        Throwable root = error;
        for (Throwable t = error; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof UnknownHostException) {
                return new FetchFailure(Kind.DNS, t.getMessage(), 0, null, error);
            }
            if (t instanceof ConnectException || t instanceof io.netty.channel.ConnectTimeoutException) {
                return new FetchFailure(Kind.CONNECT, t.getMessage(), 0, null, error);
            }
            if (t instanceof PrematureCloseException || t instanceof ClosedChannelException
                    || (t instanceof java.io.IOException && String.valueOf(t.getMessage()).contains("reset"))) {
                return new FetchFailure(Kind.RESET, "connection closed before the answer was complete", 0, null, error);
            }
            if (t instanceof io.netty.handler.codec.DecoderException || t instanceof io.netty.handler.codec.TooLongFrameException) {
                return new FetchFailure(Kind.UNREADABLE, "malformed HTTP answer: " + t.getMessage(), 0, null, error);
            }
        }
        return new FetchFailure(Kind.OTHER, root.getClass().getSimpleName() + ": " + root.getMessage(), 0, null, error);
    }

    @Override
    public String toString() {
        return kind.label() + (status > 0 ? " (HTTP " + status + ")" : "") + ": " + getMessage();
    }
}
