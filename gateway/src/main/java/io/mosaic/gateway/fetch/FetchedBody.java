package io.mosaic.gateway.fetch;

import java.nio.charset.Charset;
import java.time.Duration;
import java.util.zip.CRC32C;

/**
 * A fragment's answer as the origin sent it.
 *
 * @param status the origin's status: 2xx, or 304 to a conditional request (no body)
 * @param bytes the body, decompressed, at most the fragment's maxBodySize
 * @param charset the charset the origin named, UTF-8 when none
 * @param latency how long the fetch took
 * @param version the origin's {@code X-Fragment-Version}, null when it sent none
 * @param caching the headers that rule the answer's reuse
 */
public record FetchedBody(int status, byte[] bytes, Charset charset, Duration latency, String version,
                          CachingHeaders caching) {

    /** Whether the origin answered a conditional request with 304: the stored answer is still good. */
    public boolean notModified() {
        return status == 304;
    }

    /**
     * The body as text; invalid byte sequences are replaced, never fatal.
     */
    public String html() {
        return new String(bytes, charset);
    }

    /** A cheap fingerprint of the bytes (CRC32C, hardware-accelerated, and the length), to recognise an answer seen before. */
    public long fingerprint() {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return crc.getValue() << 32 ^ bytes.length;
    }
}
