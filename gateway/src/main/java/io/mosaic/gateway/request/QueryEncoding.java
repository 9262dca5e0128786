package io.mosaic.gateway.request;

import java.nio.charset.StandardCharsets;

/**
 * Query strings as RFC 3986 allows them. Browsers send {@code [ ] | { } ^ `}, quotes and raw
 * UTF-8 bytes in a query unencoded; {@code java.net.URI} and Spring's {@code UriComponentsBuilder}
 * refuse them. Percent-encoding such a character changes nothing a server decodes, so the gateway
 * encodes them instead of failing. A {@code %} not followed by two hex digits cannot be repaired
 * without guessing what was meant: that is the one malformation refused.
 */
public final class QueryEncoding {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final boolean[] ALLOWED = new boolean[128];

    static {
        String allowed = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?";
        for (int i = 0; i < allowed.length(); i++) {
            ALLOWED[allowed.charAt(i)] = true;
        }
    }

    private QueryEncoding() {
    }

    /** How the characters above 127 of a query were decoded. */
    public enum Chars {
        /** One char per byte of the wire, as Netty reads a request line: each is encoded as that byte. */
        BYTES,
        /** Unicode text: each is encoded as its UTF-8 bytes. */
        UNICODE
    }

    /** Where a query's percent-encoding is broken: the index of the {@code %} in the query. */
    public static final class BadEscape extends IllegalArgumentException {
        private final int index;

        BadEscape(int index) {
            super("bad percent-encoding in the query at character " + (index + 1)
                    + ": '%' must be followed by two hex digits (send a literal '%' as %25)");
            this.index = index;
        }

        public int index() {
            return index;
        }
    }

    /** Whether every character of {@code query} may stand in an RFC 3986 query, escapes included. */
    public static boolean isClean(String query) {
        for (int i = 0, n = query.length(); i < n; i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 >= n || !isHex(query.charAt(i + 1)) || !isHex(query.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (c >= 128 || !ALLOWED[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code query} with every character an RFC 3986 query may not hold percent-encoded.
     *
     * @param lenient a bad escape's {@code %} is encoded as {@code %25} rather than refused
     * @throws BadEscape when not lenient and a {@code %} is not followed by two hex digits
     */
    public static String encode(String query, Chars chars, boolean lenient) {
        if (isClean(query)) {
            return query;
        }
        StringBuilder out = new StringBuilder(query.length() + 16);
        for (int i = 0, n = query.length(); i < n; i++) {
            char c = query.charAt(i);
            if (c == '%') {
                if (i + 2 < n && isHex(query.charAt(i + 1)) && isHex(query.charAt(i + 2))) {
                    out.append(query, i, i + 3);
                    i += 2;
                } else if (lenient) {
                    out.append("%25");
                } else {
                    throw new BadEscape(i);
                }
            } else if (c < 128 && ALLOWED[c]) {
                out.append(c);
            } else if (c < 128 || (chars == Chars.BYTES && c < 256)) {
                appendByte(out, c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(query.charAt(i + 1)) ? i + 2 : i + 1;
                for (byte b : query.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    appendByte(out, b & 0xff);
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    private static void appendByte(StringBuilder out, int b) {
        out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
