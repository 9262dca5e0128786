package io.mosaic.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The config templates of {@code e2e/bench/}: {@code {{NAME}}} placeholders, all of which must be
 * given, and every value given must be used, so that a template and its filler cannot drift apart
 * silently. (Double braces, because nginx has its own {@code ${var}}.)
 */
final class Template {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z_]+)}}");

    private Template() {
    }

    static String fill(Path file, Map<String, String> values) {
        try {
            return fill(Files.readString(file), values, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    static String fill(String text, Map<String, String> values, String name) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 1024);
        Set<String> used = new HashSet<>();
        while (m.find()) {
            String key = m.group(1);
            String value = values.get(key);
            if (value == null) {
                throw new IllegalStateException(name + ": no value for {{" + key + "}}; given: " + values.keySet());
            }
            used.add(key);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (!used.containsAll(values.keySet())) {
            Set<String> unused = new TreeSet<>(values.keySet());
            unused.removeAll(used);
            throw new IllegalStateException(name + " has no placeholder for " + unused);
        }
        return out.toString();
    }
}
