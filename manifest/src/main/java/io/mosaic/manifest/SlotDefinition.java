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
     * Teams mount their own fragments, so each team gets a share: no more than {@code perTeam} of
     * the slot's places, and one team cannot take a shared slot whole.
     *
     * @param max the most fragments the slot shows, 1 to 50
     * @param perTeam the most fragments of one team the slot shows, 1 to {@code max}
     */
    record Open(int max, int perTeam) implements SlotDefinition {
        /** The default number of fragments an open slot shows. */
        public static final int DEFAULT_MAX = 20;

        /**
         * The default share of one team, when smaller than {@code max}: with the default
         * {@link #DEFAULT_MAX} of 20, at least four teams find room, and no team of the demo
         * mounts more than two fragments into one slot.
         */
        public static final int DEFAULT_PER_TEAM = 5;

        /** A slot showing at most {@code max} fragments, and the default share per team. */
        public Open(int max) {
            this(max, defaultPerTeam(max));
        }

        /** {@link #DEFAULT_PER_TEAM}, or {@code max} when that is smaller, so that the default is always valid. */
        public static int defaultPerTeam(int max) {
            return Math.min(DEFAULT_PER_TEAM, max);
        }
    }
}
