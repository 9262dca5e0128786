package io.mosaic.gateway.layout;

import io.mosaic.manifest.LayoutCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The layouts pages may use: the built-in {@code admin} and {@code dashboard}, and the
 * operator's own Thymeleaf templates from a folder ({@code mosaic.layouts}), one
 * {@code NAME.html} per layout. A layout's slots are the {@code slots.NAME} (or
 * {@code slots['NAME']}) it writes; it must also write {@code head} and {@code end}.
 */
public final class Layouts {

    private static final Pattern SLOT = Pattern.compile("slots\\.([A-Za-z][A-Za-z0-9_-]*)|slots\\[\\s*'([^']+)'\\s*]");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private final LayoutCatalog catalog;
    private final Map<String, String> templates;

    private Layouts(LayoutCatalog catalog, Map<String, String> templates) {
        this.catalog = catalog;
        this.templates = Map.copyOf(templates);
    }

    /** The built-in layouts only. */
    public static Layouts builtIn() {
        Map<String, String> templates = new LinkedHashMap<>();
        LayoutCatalog.BUILT_IN.names().forEach(name -> templates.put(name, "layouts/" + name));
        return new Layouts(LayoutCatalog.BUILT_IN, templates);
    }

    /**
     * The built-in layouts plus every {@code NAME.html} in {@code folder}; an operator's layout
     * of a built-in name replaces it. Refuses a layout that cannot work, naming the file.
     */
    public static Layouts withFolder(Path folder) {
        Layouts layouts = builtIn();
        if (folder == null) {
            return layouts;
        }
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("mosaic.layouts: " + folder + " is not a directory");
        }
        LayoutCatalog catalog = layouts.catalog;
        Map<String, String> templates = new LinkedHashMap<>(layouts.templates);
        List<Path> files;
        try (Stream<Path> listing = Files.list(folder)) {
            files = listing.filter(f -> f.getFileName().toString().endsWith(".html")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("mosaic.layouts: cannot list " + folder, e);
        }
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.html$", "");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException("layout " + file + ": the file name must be a lowercase slug plus .html");
            }
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new UncheckedIOException("layout " + file + ": cannot read it", e);
            }
            if (!text.contains("${head}") || !text.contains("${end}")) {
                throw new IllegalStateException("layout " + file + " must write th:utext=\"${head}\" at the end of <head> "
                        + "and th:utext=\"${end}\" just before </body>");
            }
            catalog = catalog.with(name, slots(text));
            templates.put(name, "operator:" + name);
        }
        return new Layouts(catalog, templates);
    }

    static List<String> slots(String template) {
        Set<String> slots = new LinkedHashSet<>();
        Matcher m = SLOT.matcher(template);
        while (m.find()) {
            slots.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return new ArrayList<>(slots);
    }

    /** Layout names and their slots, for the manifest's validation. */
    public LayoutCatalog catalog() {
        return catalog;
    }

    /** The Thymeleaf template name of layout {@code name}. */
    public String template(String name) {
        String template = templates.get(name);
        if (template == null) {
            throw new IllegalArgumentException("no layout " + name);
        }
        return template;
    }
}
