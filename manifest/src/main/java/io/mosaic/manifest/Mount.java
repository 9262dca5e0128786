package io.mosaic.manifest;

import java.util.Objects;

/**
 * A fragment's place in a page's open slot: the fragment brings itself to a page that left an
 * extension point, instead of the page naming it.
 *
 * @param page the page's path, such as {@code /admin}
 * @param slot an open slot of that page, such as {@code widgets}
 * @param order where it goes among the slot's fragments, lowest first, then by name; -1000 to 1000
 */
public record Mount(String page, String slot, int order) {

    public Mount {
        Objects.requireNonNull(page, "page");
        Objects.requireNonNull(slot, "slot");
    }
}
