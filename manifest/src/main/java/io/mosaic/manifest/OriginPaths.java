package io.mosaic.manifest;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;

/**
 * Which raw paths on a fragment's origin may ever be served, asked by everyone who decides it:
 * the manifest's validator (asset and proxy paths), the gateway's proxy and its URL rewriter.
 * A path the validator accepts is one the proxy serves, and a path the proxy refuses is refused
 * at registration with the same words, instead of a fragment that registers fine and then 404s.
 *
 * <p>A path is judged as the origin will read it, whatever server it runs: raw (still
 * percent-encoded) paths are refused when, after percent-decoding, they could mean another path
 * on some server. Refused are {@code ;} path parameters ({@code /api/..;/secret}: Tomcat strips
 * them before normalising), dot segments ({@code .}, {@code ..}, encoded or not, as overlong
 * UTF-8 or as full-width dots), encoded slashes and backslashes and raw backslashes, empty
 * segments ({@code //}), encoded percent signs (double encoding), control characters and
 * malformed percent-encoding or UTF-8.
 */
public final class OriginPaths {

    private OriginPaths() {
    }

    /**
     * Why {@code rawPath}, a root-relative path as sent on the wire (percent-encoded, without
     * query), may not be served, or empty when it is clean. The reason is written for whoever
     * sent the path, such as "path parameters (;) are not allowed".
     */
    public static Optional<String> refusal(String rawPath) {
        if (rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            return Optional.of("the path must start with /");
        }
        if (rawPath.indexOf('\\') >= 0) {
            return Optional.of("backslashes are not allowed in a path");
        }
        if (rawPath.contains("//")) {
            return Optional.of("empty path segments (//) are not allowed");
        }
        String lower = rawPath.toLowerCase(Locale.ROOT);
        if (lower.contains("%2f") || lower.contains("%5c")) {
            return Optional.of("encoded slashes and backslashes (%2F, %5C) are not allowed in a path");
        }
        if (lower.contains("%25")) {
            return Optional.of("encoded percent signs (%25, double encoding) are not allowed in a path");
        }
        Optional<String> decoded = decode(rawPath);
        if (decoded.isEmpty()) {
            return Optional.of("the path is not valid percent-encoded UTF-8 (overlong or malformed sequences)");
        }
        String path = decoded.get();
        if (path.indexOf(';') >= 0) {
            return Optional.of("path parameters (;) are not allowed");
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return Optional.of("control characters are not allowed in a path");
            }
        }
        for (String segment : path.split("/", -1)) {
            // Full-width dots and slashes become . and / under compatibility normalisation, which some servers apply.
            String normalised = Normalizer.normalize(segment, Normalizer.Form.NFKC);
            if (normalised.equals(".") || normalised.equals("..")) {
                return Optional.of("dot segments (. and .., also encoded) are not allowed in a path");
            }
            if (normalised.indexOf('/') >= 0 || normalised.indexOf('\\') >= 0) {
                return Optional.of("characters that normalise to a slash or backslash are not allowed in a path");
            }
        }
        return Optional.empty();
    }

    /** Percent-decodes {@code raw} strictly as UTF-8: a bad escape or an overlong sequence gives empty. */
    static Optional<String> decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return Optional.of(raw);
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.put((byte) (high << 4 | low));
                i += 2;
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = strict.decode(bytes);
            return Optional.of(chars.toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
