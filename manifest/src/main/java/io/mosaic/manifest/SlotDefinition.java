package io.mosaic.manifest;

import java.util.List;

/** What fills one slot of a page's layout. */
public sealed interface SlotDefinition {

    /**
     * Named fragments, in order.
     *
     * @param names fragment names, at least one
     */
    record Fragments(List<String> names) implements SlotDefinition {
        public Fragments {
            names = List.copyOf(names);
        }
    }

    /**
     * An extension point: fragments that {@link Mount mount} themselves into this slot appear
     * here, ordered (see {@link Manifest#mounted(String, String)}), without the page changing.
     *
     * @param max the most fragments the slot shows, 1 to 50
     */
    record Open(int max) implements SlotDefinition {
        /** The default number of fragments an open slot shows. */
        public static final int DEFAULT_MAX = 20;
    }
}
