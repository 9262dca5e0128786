package io.mosaic.gateway.origin;

import java.net.UnknownHostException;

/**
 * A connection the origin policy refused before it was made. It is an
 * {@link UnknownHostException} because Netty's name resolution can only fail that way; the
 * message is the policy's refusal, which names the host, the address and its class.
 */
public final class OriginRefusedException extends UnknownHostException {

    public OriginRefusedException(String refusal) {
        super(refusal);
    }

    /** The refusal behind {@code error}, anywhere in its causes; null when there is none. */
    public static OriginRefusedException in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof OriginRefusedException refused) {
                return refused;
            }
        }
        return null;
    }

    /** Refusals can come on every page: their stack says nothing the message does not. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
