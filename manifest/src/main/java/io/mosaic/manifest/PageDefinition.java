package io.mosaic.manifest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One page: a layout whose named slots are filled with fragments.
 *
 * @param path the page's path on the gateway, starting with {@code /}
 * @param title the document title; null when the manifest gives none
 * @param layout the layout's name, built in ({@code admin}, {@code dashboard}) or the operator's
 * @param primary the fragment whose status the page answers with; null when none
 * @param slots slot name to its content, in declaration order
 */
public record PageDefinition(String path, String title, String layout, String primary, Map<String, SlotDefinition> slots) {

    public PageDefinition {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(layout, "layout");
        slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
    }

    /** The primary fragment's name, when the page has one. */
    public Optional<String> primaryFragment() {
        return Optional.ofNullable(primary);
    }

    /**
     * Every fragment the page's slots name, in slot order. Fragments mounted into its open slots
     * are not here, since the fragments declare those: see {@link Manifest#fragmentNamesOn(String)}.
     */
    public List<String> fragmentNames() {
        return slots.values().stream()
                .flatMap(slot -> slot instanceof SlotDefinition.Fragments f ? f.names().stream() : java.util.stream.Stream.empty())
                .toList();
    }
}
