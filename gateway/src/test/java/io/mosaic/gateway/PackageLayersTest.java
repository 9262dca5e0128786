package io.mosaic.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's packages form layers that follow the request flow: a package may use only the
 * packages below it in {@link #LAYERS}, so the import graph has no cycle and no arrow that points
 * up. Read from the main source tree (imports and fully-qualified names, comments ignored), so it
 * needs no library and no compiled classes.
 */
class PackageLayersTest {

    /**
     * Top to bottom. Wiring first; then what serves a request (the console and the registry's API,
     * pages, the proxy) and what watches it; then the steps of a fragment's resolution in the order
     * they call each other; then the compiled plan and what it is made of; then the policies.
     */
    static final List<String> LAYERS = List.of(
            "(root)",        // the application class
            "config",        // wiring and the operator's settings
            "console",       // the console's views and forms
            "registry.api",  // the registration API
            "registry",      // registration rules and store, a definition source
            "reload",        // applies a changed manifest
            "source",        // definition sources
            "handler",       // pages: match, compose, stream
            "route",         // the proxy
            "metrics",       // gauges and page timers
            "observe",       // what the console shows of each fragment's outcomes
            "resolve",       // one fragment's outcome: cache, fetch under its resilience, parse, fallback
            "cache",         // stored answers
            "fetch",         // one HTTP exchange with an origin
            "request",       // the page request: its id, its context, its MDC
            "server",        // the server's own limits and addresses
            "plan",          // the compiled manifest
            "layout",        // layouts cut into segments
            "html",          // parsing and rewriting fragments
            "policy",        // path and header policies
            "origin",        // which origins may be called
            "render");       // the gateway's own markup

    private static final Path ROOT = Path.of(System.getProperty("basedir", "."), "src/main/java/io/mosaic/gateway");
    private static final Pattern REFERENCE = Pattern.compile("io\\.mosaic\\.gateway\\.([a-z]+(?:\\.[a-z]+)*)\\.(?:[A-Z]|\\*)");

    /** Package → package it uses → the files that use it. */
    private static final Map<String, Map<String, Set<String>>> uses = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(PackageLayersTest::read);
        }
    }

    private static void read(Path file) {
        Path dir = ROOT.relativize(file.getParent());
        String pkg = dir.toString().isEmpty() ? "(root)" : dir.toString().replace(file.getFileSystem().getSeparator(), ".");
        String code;
        try {
            code = withoutComments(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> used = uses.computeIfAbsent(pkg, p -> new TreeMap<>());
        Matcher reference = REFERENCE.matcher(code);
        while (reference.find()) {
            if (!reference.group(1).equals(pkg)) {
                used.computeIfAbsent(reference.group(1), p -> new TreeSet<>()).add(ROOT.relativize(file).toString());
            }
        }
    }

    @Test
    void thePackageGraphHasNoCycle() {
        assertThat(uses).as("packages read from " + ROOT).containsKeys("config", "resolve", "fetch");
        List<List<String>> cycles = new ArrayList<>();
        for (List<String> component : stronglyConnected()) {
            if (component.size() > 1) {
                cycles.add(component);
            }
        }
        assertThat(cycles).as("package cycles (each a set of packages that reach each other):%s", describe(cycles)).isEmpty();
    }

    @Test
    void everyPackageUsesOnlyPackagesBelowIt() {
        assertThat(LAYERS).as("every package has its place in the layers").containsAll(uses.keySet());
        List<String> upward = new ArrayList<>();
        uses.forEach((pkg, used) -> used.forEach((target, files) -> {
            if (LAYERS.indexOf(target) <= LAYERS.indexOf(pkg)) {
                upward.add(pkg + " -> " + target + " in " + files);
            }
        }));
        assertThat(upward).as("imports that point up or sideways in the layers").isEmpty();
    }

    private static String describe(List<List<String>> cycles) {
        StringBuilder text = new StringBuilder();
        for (List<String> cycle : cycles) {
            text.append("\n  ").append(cycle);
            for (String pkg : cycle) {
                uses.getOrDefault(pkg, Map.of()).forEach((target, files) -> {
                    if (cycle.contains(target)) {
                        text.append("\n    ").append(pkg).append(" -> ").append(target).append(" in ").append(files);
                    }
                });
            }
        }
        return text.toString();
    }

    /** Tarjan's strongly connected components of the package graph. */
    private static List<List<String>> stronglyConnected() {
        Set<String> packages = new TreeSet<>(uses.keySet());
        uses.values().forEach(used -> packages.addAll(used.keySet()));
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<List<String>> components = new ArrayList<>();
        for (String pkg : packages) {
            if (!index.containsKey(pkg)) {
                connect(pkg, index, low, stack, components);
            }
        }
        return components;
    }

    private static void connect(String pkg, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                                List<List<String>> components) {
        index.put(pkg, index.size());
        low.put(pkg, index.get(pkg));
        stack.push(pkg);
        for (String target : uses.getOrDefault(pkg, Map.of()).keySet()) {
            if (!index.containsKey(target)) {
                connect(target, index, low, stack, components);
                low.put(pkg, Math.min(low.get(pkg), low.get(target)));
            } else if (stack.contains(target)) {
                low.put(pkg, Math.min(low.get(pkg), index.get(target)));
            }
        }
        if (low.get(pkg).equals(index.get(pkg))) {
            List<String> component = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                component.add(member);
            } while (!member.equals(pkg));
            component.sort(null);
            components.add(component);
        }
    }

    /** The source without its comments; string and character literals are kept, and a comment marker inside one is text. */
    static String withoutComments(String source) {
        StringBuilder code = new StringBuilder(source.length());
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                while (i < n && source.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                int end = source.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                code.append(' ');
            } else if (c == '"' && source.startsWith("\"\"\"", i)) {
                int end = source.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                code.append(source, i, end);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && source.charAt(j) != c && source.charAt(j) != '\n') {
                    j += source.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(n, j + 1);
                code.append(source, i, j);
                i = j;
            } else {
                code.append(c);
                i++;
            }
        }
        return code.toString();
    }
}
