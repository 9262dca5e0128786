package io.mosaic.gateway.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.List;

/**
 * The framing a request head may declare, judged on the head as Netty decoded it (RFC 9112 §6.1,
 * §6.3): at most one body length, declared one way only. A server, a proxy and an origin that
 * could read a request's length differently are how requests get smuggled, so anything that is
 * not plainly one of "no body", "one Content-Length" or "Transfer-Encoding: chunked" is refused.
 * Obs-fold cannot be judged here (Netty has already joined the folded lines): {@link FramingScanner}
 * sees it in the raw bytes.
 */
final class RequestFraming {

    /** The only transfer coding the gateway decodes; anything else would reach a handler still encoded. */
    private static final String CHUNKED = "chunked";
    /** More digits than any body the gateway accepts, and few enough that the value fits a long. */
    private static final int MAX_LENGTH_DIGITS = 18;

    private RequestFraming() {
    }

    /** Why {@code request}'s framing is refused, in a few words for the 400's body; null when it is plain. */
    static String problem(HttpRequest request) {
        HttpHeaders headers = request.headers();
        boolean coded = headers.contains(HttpHeaderNames.TRANSFER_ENCODING);
        boolean length = headers.contains(HttpHeaderNames.CONTENT_LENGTH);
        if (!coded && !length) {
            return null;
        }
        if (coded) {
            if (!HttpVersion.HTTP_1_1.equals(request.protocolVersion())) {
                // §6.1: an HTTP/1.0 recipient cannot be relied on to read a transfer coding.
                return "Transfer-Encoding in an HTTP/1.0 request";
            }
            List<String> codings = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
            if (codings.size() > 1) {
                return "Transfer-Encoding repeated";
            }
            if (length) {
                // §6.3: a request with both "ought to be handled as an error"; one of the two is a lie.
                return "Transfer-Encoding beside Content-Length";
            }
            if (!codings.get(0).trim().equalsIgnoreCase(CHUNKED)) {
                return "Transfer-Encoding other than chunked";
            }
            return null;
        }
        List<String> lengths = headers.getAll(HttpHeaderNames.CONTENT_LENGTH);
        if (lengths.size() > 1 || lengths.get(0).indexOf(',') >= 0) {
            return "Content-Length repeated";
        }
        if (!isDigits(lengths.get(0).trim())) {
            return "Content-Length malformed";
        }
        return null;
    }

    private static boolean isDigits(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH_DIGITS) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
