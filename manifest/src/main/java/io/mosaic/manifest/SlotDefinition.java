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
     * An extension point: fragments registered for this slot appear here, ordered, without a
     * redeploy. Until registrations exist the slot renders empty.
     *
     * @param max the most fragments the slot shows, 1 to 50
     */
    record Open(int max) implements SlotDefinition {
        /** The default number of fragments an open slot shows. */
        public static final int DEFAULT_MAX = 20;
    }
}
