package io.mosaic.manifest.internal;

import io.mosaic.manifest.Problem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed access to one file's YAML node tree that records a {@link Problem} instead of throwing,
 * so that one pass finds every problem. Each accessor returns empty when the value is unusable,
 * after recording why.
 */
final class NodeReader {

    /** One key of a mapping, with the node of its value. */
    record Field(String name, Node key, Node value, String path) {
    }

    private final String file;
    private final List<Problem> problems;

    NodeReader(String file, List<Problem> problems) {
        this.file = file;
        this.problems = problems;
    }

    String file() {
        return file;
    }

    Position at(Node node, String path) {
        return Position.of(file, node, path);
    }

    void problem(Node node, String path, String message) {
        problems.add(at(node, path).problem(message));
    }

    /**
     * The fields of a mapping, checking it is one, that no key appears twice and that every key
     * is known; an unknown key gets a "did you mean" so that a typo never silently drops a setting.
     */
    Optional<Map<String, Field>> fields(Node node, String path, Set<String> known) {
        return fields(node, path, known, Map.of());
    }

    /** As {@link #fields(Node, String, Set)}, with a message of its own for some unknown keys. */
    Optional<Map<String, Field>> fields(Node node, String path, Set<String> known, Map<String, String> unknownHints) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, path, "expected a mapping of " + String.join(", ", known) + ", got " + describe(node));
            return Optional.empty();
        }
        Map<String, Field> fields = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || keyNode.getTag().equals(Tag.NULL)) {
                problem(keyNode, path, "keys must be plain names, got " + describe(keyNode));
                continue;
            }
            String name = key.getValue();
            String fieldPath = join(path, name);
            if (keyNode.getTag().equals(Tag.MERGE)) {
                problem(keyNode, path, "merge keys (<<) are not supported; write the fields out");
                continue;
            }
            if (fields.containsKey(name)) {
                Field first = fields.get(name);
                problem(keyNode, fieldPath, "duplicate key '" + name + "' (first at line " + at(first.key(), "").line() + ")");
                continue;
            }
            if (!known.contains(name) && unknownHints.containsKey(name)) {
                problem(keyNode, fieldPath, "unknown field '" + name + "': " + unknownHints.get(name));
                continue;
            }
            if (!known.contains(name)) {
                problem(keyNode, fieldPath, "unknown field '" + name + "'" + Suggestions.didYouMean(name, known)
                        + (Suggestions.closest(name, known).isEmpty() ? "; known fields: " + String.join(", ", known) : ""));
                continue;
            }
            fields.put(name, new Field(name, keyNode, tuple.getValueNode(), fieldPath));
        }
        return Optional.of(fields);
    }

    /** The items of a sequence. */
    Optional<List<Node>> sequence(Node node, String path, String whatItems) {
        if (!(node instanceof SequenceNode sequence)) {
            problem(node, path, "expected a list of " + whatItems + ", got " + describe(node));
            return Optional.empty();
        }
        return Optional.of(sequence.getValue());
    }

    /**
     * The items of a sequence of at most {@code max} items; a longer one is refused whole, naming
     * {@code field} (as its document writes it, such as {@code assets.css}), the count and the cap.
     */
    Optional<List<Node>> sequence(Node node, String path, String whatItems, String field, int max) {
        return sequence(node, path, whatItems).filter(items -> {
            if (items.size() > max) {
                problem(node, path, field + " lists " + items.size() + " entries; at most " + max + " are allowed");
                return false;
            }
            return true;
        });
    }

    /** A text value; numbers and booleans are refused so that {@code team: yes} cannot pass unnoticed. */
    Optional<String> text(Node node, String path) {
        if (!isScalar(node, Tag.STR)) {
            problem(node, path, "expected text, got " + describe(node));
            return Optional.empty();
        }
        return Optional.of(((ScalarNode) node).getValue());
    }

    /** Text or a number written as text, for free-form fields such as titles. */
    Optional<String> lenientText(Node node, String path) {
        if (isScalar(node, Tag.STR) || isScalar(node, Tag.INT) || isScalar(node, Tag.FLOAT)) {
            return Optional.of(((ScalarNode) node).getValue());
        }
        problem(node, path, "expected text, got " + describe(node));
        return Optional.empty();
    }

    Optional<Boolean> bool(Node node, String path) {
        if (!isScalar(node, Tag.BOOL)) {
            problem(node, path, "expected true or false, got " + describe(node));
            return Optional.empty();
        }
        return Optional.of(Boolean.parseBoolean(((ScalarNode) node).getValue().toLowerCase(java.util.Locale.ROOT)));
    }

    Optional<Integer> integer(Node node, String path, int min, int max) {
        if (!isScalar(node, Tag.INT)) {
            problem(node, path, "expected a whole number from " + min + " to " + max + ", got " + describe(node));
            return Optional.empty();
        }
        long value;
        try {
            value = Long.parseLong(((ScalarNode) node).getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            problem(node, path, "expected a whole number from " + min + " to " + max + ", got " + describe(node));
            return Optional.empty();
        }
        if (value < min || value > max) {
            problem(node, path, "must be from " + min + " to " + max + ", got " + value);
            return Optional.empty();
        }
        return Optional.of((int) value);
    }

    Optional<Duration> duration(Node node, String path, Duration min, Duration max) {
        String form = "a duration such as 250ms, 2s or 5m";
        if (!(isScalar(node, Tag.STR) || isScalar(node, Tag.INT))) {
            problem(node, path, "expected " + form + ", got " + describe(node));
            return Optional.empty();
        }
        String text = ((ScalarNode) node).getValue();
        if (isScalar(node, Tag.INT)) {
            problem(node, path, "'" + text + "' has no unit; write " + text + "ms or " + text + "s");
            return Optional.empty();
        }
        Optional<Duration> parsed = Quantities.parseDuration(text);
        if (parsed.isEmpty()) {
            problem(node, path, "'" + text + "' is not " + form + " (units: ms, s, m, h, d)");
            return Optional.empty();
        }
        Duration value = parsed.get();
        // A zero is refused as "not positive" unless the field's bounds allow it (cacheFor: 0s turns reuse off).
        if ((value.isZero() && !min.isZero()) || value.isNegative()) {
            problem(node, path, "must be positive, got " + text);
            return Optional.empty();
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            problem(node, path, "must be from " + Quantities.format(min) + " to " + Quantities.format(max) + ", got " + text);
            return Optional.empty();
        }
        return parsed;
    }

    Optional<Long> size(Node node, String path, long min, long max) {
        String form = "a size such as 512KiB or 1MiB";
        if (!(isScalar(node, Tag.STR) || isScalar(node, Tag.INT))) {
            problem(node, path, "expected " + form + ", got " + describe(node));
            return Optional.empty();
        }
        String text = ((ScalarNode) node).getValue();
        Optional<Long> parsed;
        try {
            parsed = Quantities.parseSize(text);
        } catch (ArithmeticException e) {
            parsed = Optional.empty();
        }
        if (parsed.isEmpty()) {
            problem(node, path, "'" + text + "' is not " + form + " (units: B, KiB, MiB, KB, MB)");
            return Optional.empty();
        }
        if (parsed.get() < min || parsed.get() > max) {
            problem(node, path, "must be from " + Quantities.formatSize(min) + " to " + Quantities.formatSize(max) + ", got " + text);
            return Optional.empty();
        }
        return parsed;
    }

    /** Texts from a list; a single text is refused with a hint to write a list. */
    Optional<List<String>> texts(Node node, String path, String whatItems) {
        return texts(node, path, whatItems, null, Integer.MAX_VALUE);
    }

    /** Texts from a list of at most {@code max} items (see {@link #sequence(Node, String, String, String, int)}). */
    Optional<List<String>> texts(Node node, String path, String whatItems, String field, int max) {
        if (node instanceof ScalarNode && isScalar(node, Tag.STR)) {
            problem(node, path, "expected a list of " + whatItems + ", got text; write [" + ((ScalarNode) node).getValue() + "]");
            return Optional.empty();
        }
        Optional<List<Node>> items = sequence(node, path, whatItems, field, max);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.get().size(); i++) {
            Optional<String> value = text(items.get().get(i), path + "[" + i + "]");
            ok &= value.isPresent();
            value.ifPresent(values::add);
        }
        return ok ? Optional.of(values) : Optional.empty();
    }

    static boolean isScalar(Node node, Tag tag) {
        return node instanceof ScalarNode && node.getTag().equals(tag);
    }

    static boolean isNull(Node node) {
        return isScalar(node, Tag.NULL);
    }

    /** What a node is, in words a manifest author understands. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode scalar = (ScalarNode) node;
        Tag tag = node.getTag();
        String value = scalar.getValue();
        String shown = value.length() > 40 ? value.substring(0, 37) + "..." : value;
        if (tag.equals(Tag.NULL)) {
            return "nothing (null)";
        }
        if (tag.equals(Tag.BOOL)) {
            return "the boolean " + shown;
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return "the number " + shown;
        }
        return "the text '" + shown + "'";
    }

    static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
