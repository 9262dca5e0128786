package io.mosaic.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The layouts pages may name, each with its slots. The built-in ones are {@code admin}
 * (header, nav, main, aside) and {@code dashboard} (header, widgets); operators add their own.
 */
public final class LayoutCatalog {

    /** The layouts every gateway has. */
    public static final LayoutCatalog BUILT_IN = new LayoutCatalog(Map.of())
            .with("admin", List.of("header", "nav", "main", "aside"))
            .with("dashboard", List.of("header", "widgets"));

    private final Map<String, List<String>> slotsByLayout;

    private LayoutCatalog(Map<String, List<String>> slotsByLayout) {
        this.slotsByLayout = Collections.unmodifiableMap(new LinkedHashMap<>(slotsByLayout));
    }

    /** A catalog with one more layout, or with {@code name}'s slots replaced. */
    public LayoutCatalog with(String name, List<String> slots) {
        Map<String, List<String>> copy = new LinkedHashMap<>(slotsByLayout);
        copy.put(name, List.copyOf(slots));
        return new LayoutCatalog(copy);
    }

    /** The slots of layout {@code name}, when it exists. */
    public Optional<List<String>> slots(String name) {
        return Optional.ofNullable(slotsByLayout.get(name));
    }

    /** Every layout name, built-in first. */
    public List<String> names() {
        return List.copyOf(slotsByLayout.keySet());
    }
}
