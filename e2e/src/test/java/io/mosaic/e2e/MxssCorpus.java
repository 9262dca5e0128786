package io.mosaic.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The mutation-XSS corpus ({@code mxss-corpus.txt} beside this class: DOMPurify's fixture payloads
 * and the project's own, see its header): one payload a line, a name, a tab and a JSON string.
 */
final class MxssCorpus {

    /** Stands for the test origin's URL in a payload (a meta refresh's target, say). */
    static final String ORIGIN = "{{ORIGIN}}";

    record Payload(int index, String name, String html) {

        boolean own() {
            return name.startsWith("mosaic:");
        }
    }

    private MxssCorpus() {
    }

    /** Every payload, numbered from 0, with {@link #ORIGIN} replaced by {@code origin}. */
    static List<Payload> read(String origin) {
        String text;
        try (InputStream in = MxssCorpus.class.getResourceAsStream("mxss-corpus.txt")) {
            if (in == null) {
                throw new IllegalStateException("mxss-corpus.txt is not on the test class path (e2e/src/test/resources/io/mosaic/e2e/)");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Payload> payloads = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new IllegalStateException("corpus line without a tab: " + line);
            }
            payloads.add(new Payload(payloads.size(), line.substring(0, tab), jsonString(line.substring(tab + 1)).replace(ORIGIN, origin)));
        }
        return payloads;
    }

    /** The value of a JSON string literal. */
    static String jsonString(String literal) {
        if (literal.length() < 2 || literal.charAt(0) != '"' || literal.charAt(literal.length() - 1) != '"') {
            throw new IllegalArgumentException("not a JSON string: " + literal);
        }
        StringBuilder out = new StringBuilder(literal.length());
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = literal.charAt(++i);
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    out.append((char) Integer.parseInt(literal.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new IllegalArgumentException("bad escape \\" + e + " in " + literal);
            }
        }
        return out.toString();
    }

    /** {@code value} as a JSON string literal, every character outside printable ASCII escaped. */
    static String json(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
