package io.mosaic.gateway.fetch;

import java.nio.charset.Charset;
import java.time.Duration;

/**
 * A fragment's answer as the origin sent it, decoded to text.
 *
 * @param status the origin's status (2xx)
 * @param html the body, decoded with the charset the origin named (UTF-8 when none); invalid
 *             byte sequences are replaced, never fatal
 * @param bodyHash a hash of the raw bytes, so unchanged answers need not be parsed again
 * @param version the origin's {@code X-Fragment-Version}, when it sends one
 * @param latency how long the fetch took
 */
public record FetchedBody(int status, String html, long bodyHash, String version, Duration latency) {

    static String decode(byte[] bytes, Charset charset) {
        return new String(bytes, charset);
    }
}
