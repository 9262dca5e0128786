package io.mosaic.manifest;

import java.util.List;

/**
 * Which of the page's query parameters a fragment receives: all of them, none, or those named.
 */
public sealed interface QuerySelection {

    /** Every query parameter of the page: the behaviour before this setting existed. */
    QuerySelection ALL = new All();

    /** No query parameter. */
    QuerySelection NONE = new None();

    /** Only the parameters named, compared exactly. */
    static QuerySelection only(List<String> names) {
        return new Only(names);
    }

    /** Whether the parameter {@code name} reaches the fragment. */
    boolean allows(String name);

    record All() implements QuerySelection {
        @Override
        public boolean allows(String name) {
            return true;
        }
    }

    record None() implements QuerySelection {
        @Override
        public boolean allows(String name) {
            return false;
        }
    }

    /** @param names at least one parameter name, each once */
    record Only(List<String> names) implements QuerySelection {
        public Only {
            names = List.copyOf(names);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("name at least one parameter, or use NONE");
            }
        }

        @Override
        public boolean allows(String name) {
            return names.contains(name);
        }
    }
}
