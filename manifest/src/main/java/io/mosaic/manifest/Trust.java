package io.mosaic.manifest;

import java.util.Locale;
import java.util.Optional;

/**
 * How far the gateway trusts a fragment's HTML. Written in the manifest in lowercase.
 */
public enum Trust {
    /** Inline scripts and event-handler attributes stay as the fragment wrote them. */
    TRUSTED,
    /** The default: inline scripts and event-handler attributes are removed. */
    STANDARD,
    /** The HTML is cleaned with a safelist: only known-safe elements and attributes stay. */
    UNTRUSTED;

    /** The name as the manifest writes it: {@code trusted}, {@code standard} or {@code untrusted}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The level the manifest names {@code id}, if any. */
    public static Optional<Trust> byId(String id) {
        for (Trust trust : values()) {
            if (trust.id().equals(id)) {
                return Optional.of(trust);
            }
        }
        return Optional.empty();
    }
}
