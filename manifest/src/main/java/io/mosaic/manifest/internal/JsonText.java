package io.mosaic.manifest.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * JSON without a JSON library: a YAML document written out as JSON, each scalar typed as the
 * validator's parser typed it (durations and sizes stay the text they were), and JSON read by
 * the YAML 1.2 parser, of which JSON is a subset. Keeps the manifest module to one dependency.
 */
public final class JsonText {

    private static final int MAX_DEPTH = 64;

    private JsonText() {
    }

    /** {@code yaml}'s single document as compact JSON; empty when it does not parse or nests absurdly deep. */
    public static Optional<String> fromYaml(String yaml) {
        try {
            Iterator<Node> documents = new Compose(LoadSettings.builder().setMaxAliasesForCollections(50).build())
                    .composeAllFromString(yaml).iterator();
            if (!documents.hasNext()) {
                return Optional.empty();
            }
            StringBuilder out = new StringBuilder();
            return write(documents.next(), out, 0) ? Optional.of(out.toString()) : Optional.empty();
        } catch (YamlEngineException e) {
            return Optional.empty();
        }
    }

    /** A JSON text as maps, lists, strings, numbers, booleans and nulls; empty when it is not JSON (or YAML) at all. */
    public static Optional<Object> parse(String json) {
        try {
            return Optional.ofNullable(new Load(LoadSettings.builder().setMaxAliasesForCollections(10).build()).loadFromString(json));
        } catch (YamlEngineException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static boolean write(Node node, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        if (node instanceof MappingNode mapping) {
            out.append('{');
            boolean first = true;
            for (NodeTuple tuple : mapping.getValue()) {
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    return false;
                }
                out.append(first ? "" : ",");
                first = false;
                string(key.getValue(), out);
                out.append(':');
                if (!write(tuple.getValueNode(), out, depth + 1)) {
                    return false;
                }
            }
            out.append('}');
            return true;
        }
        if (node instanceof SequenceNode sequence) {
            out.append('[');
            for (int i = 0; i < sequence.getValue().size(); i++) {
                out.append(i == 0 ? "" : ",");
                if (!write(sequence.getValue().get(i), out, depth + 1)) {
                    return false;
                }
            }
            out.append(']');
            return true;
        }
        scalar((ScalarNode) node, out);
        return true;
    }

    private static void scalar(ScalarNode scalar, StringBuilder out) {
        Tag tag = scalar.getTag();
        String text = scalar.getValue();
        if (tag.equals(Tag.NULL)) {
            out.append("null");
        } else if (tag.equals(Tag.BOOL)) {
            out.append(text.toLowerCase(Locale.ROOT));
        } else if (tag.equals(Tag.INT)) {
            Optional<BigInteger> number = integer(text);
            if (number.isPresent()) {
                out.append(number.get());
            } else {
                string(text, out);
            }
        } else if (tag.equals(Tag.FLOAT)) {
            try {
                out.append(new BigDecimal(text));
            } catch (NumberFormatException e) {
                string(text, out); // .inf and .nan have no JSON form
            }
        } else {
            string(text, out);
        }
    }

    /** A YAML 1.2 core integer: decimal, 0o octal or 0x hexadecimal. */
    private static Optional<BigInteger> integer(String text) {
        try {
            String t = text.replace("_", "");
            if (t.startsWith("0x")) {
                return Optional.of(new BigInteger(t.substring(2), 16));
            }
            if (t.startsWith("0o")) {
                return Optional.of(new BigInteger(t.substring(2), 8));
            }
            return Optional.of(new BigInteger(t.startsWith("+") ? t.substring(1) : t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
