package io.mosaic.gateway.render;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;

/**
 * Markup encoded once, with the places where each response's CSP nonce goes: the bytes without
 * the {@link #MARKER} and the offsets where it stood. Writing it wraps slices of the same array
 * around the nonce's bytes: no copy, no search, no string replace per response. Markup without a
 * nonce (most fragments) is written as one buffer, as before.
 *
 * @param utf8 the markup, markers taken out
 * @param nonceAt ascending byte offsets in {@code utf8} where the nonce is written
 */
public record Spliced(byte[] utf8, int[] nonceAt) {

    /**
     * Where a nonce goes, in markup the gateway renders once. It is new for every process and never
     * sent to anyone (it is cut out before any byte leaves), so an origin cannot write it into its
     * answer to have the nonce put where it likes.
     */
    public static final String MARKER = "mosaic-nonce-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));

    private static final int[] NONE = new int[0];
    public static final Spliced EMPTY = new Spliced(new byte[0], NONE);

    /** Encodes {@code markup}, cutting it at each {@link #MARKER}. */
    public static Spliced of(String markup) {
        int at = markup.indexOf(MARKER);
        if (at < 0) {
            return new Spliced(markup.getBytes(StandardCharsets.UTF_8), NONE);
        }
        StringBuilder text = new StringBuilder(markup.length());
        int[] offsets = new int[4];
        int count = 0;
        int bytes = 0;
        int from = 0;
        while (at >= 0) {
            String piece = markup.substring(from, at);
            text.append(piece);
            bytes += piece.getBytes(StandardCharsets.UTF_8).length;
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
            }
            offsets[count++] = bytes;
            from = at + MARKER.length();
            at = markup.indexOf(MARKER, from);
        }
        text.append(markup, from, markup.length());
        return new Spliced(text.toString().getBytes(StandardCharsets.UTF_8), Arrays.copyOf(offsets, count));
    }

    /** This markup followed by {@code next}. */
    public Spliced concat(Spliced next) {
        byte[] joined = Arrays.copyOf(utf8, utf8.length + next.utf8.length);
        System.arraycopy(next.utf8, 0, joined, utf8.length, next.utf8.length);
        int[] offsets = Arrays.copyOf(nonceAt, nonceAt.length + next.nonceAt.length);
        for (int i = 0; i < next.nonceAt.length; i++) {
            offsets[nonceAt.length + i] = next.nonceAt[i] + utf8.length;
        }
        return new Spliced(joined, offsets);
    }

    /** Whether a nonce goes anywhere in it. */
    public boolean needsNonce() {
        return nonceAt.length > 0;
    }

    /** The markup with {@code nonce} (ASCII) where each marker was, as buffers over the same bytes. */
    public DataBuffer write(DataBufferFactory buffers, byte[] nonce) {
        if (nonceAt.length == 0) {
            return buffers.wrap(utf8);
        }
        DataBuffer[] parts = new DataBuffer[nonceAt.length * 2 + 1];
        int from = 0;
        int i = 0;
        for (int at : nonceAt) {
            parts[i++] = buffers.wrap(ByteBuffer.wrap(utf8, from, at - from).slice());
            parts[i++] = buffers.wrap(nonce);
            from = at;
        }
        parts[i] = buffers.wrap(ByteBuffer.wrap(utf8, from, utf8.length - from).slice());
        return buffers.join(List.of(parts));
    }

    /** The markup as text with {@code nonce} in place, for tests and logs. */
    public String toString(String nonce) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at : nonceAt) {
            out.append(new String(utf8, from, at - from, StandardCharsets.UTF_8)).append(nonce);
            from = at;
        }
        return out.append(new String(utf8, from, utf8.length - from, StandardCharsets.UTF_8)).toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Spliced s && Arrays.equals(utf8, s.utf8) && Arrays.equals(nonceAt, s.nonceAt);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(utf8) + Arrays.hashCode(nonceAt);
    }

    @Override
    public String toString() {
        return toString("{nonce}");
    }
}
