package io.mosaic.fragments;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The demo's table, {@code demo-console.properties}: each fragment's team, version, default port
 * and one-line summary, by name. The apps get their identity from it as configuration (see
 * {@code fragment-contract.properties}); this reads it for the launcher's usage text and for tests.
 */
public final class DemoTable {

    public static final String RESOURCE = "demo-console.properties";

    private static final Properties TABLE = load();

    private DemoTable() {
    }

    /** Every fragment the table lists, in its order. */
    public static List<String> names() {
        return Arrays.stream(require("demo.fragments").split(",")).map(String::strip).toList();
    }

    public static String team(String name) {
        return require("demo.fragment." + name + ".team");
    }

    public static String version(String name) {
        return require("demo.fragment." + name + ".version");
    }

    public static int port(String name) {
        return Integer.parseInt(require("demo.fragment." + name + ".port"));
    }

    public static String summary(String name) {
        return require("demo.fragment." + name + ".summary");
    }

    private static String require(String key) {
        String value = TABLE.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(RESOURCE + " has no " + key);
        }
        return value.strip();
    }

    private static Properties load() {
        Properties table = new Properties();
        try (InputStream in = DemoTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            table.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return table;
    }

}
