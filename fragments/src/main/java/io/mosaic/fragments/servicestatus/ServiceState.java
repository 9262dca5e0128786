package io.mosaic.fragments.servicestatus;

import java.util.Locale;

/**
 * How a service is doing, as a word and an icon of its own shape, so that the state reads without
 * colour. Public because the template reads it.
 */
public enum ServiceState {

    OPERATIONAL("Operational", "\u2713"), DEGRADED("Degraded", "!"), OUTAGE("Outage", "\u2715");

    private final String label;

    private final String icon;

    ServiceState(String label, String icon) {
        this.label = label;
        this.icon = icon;
    }

    /** The word shown beside the icon; it alone carries the meaning for screen readers. */
    public String label() {
        return this.label;
    }

    /** A glyph whose shape tells the states apart: a tick, an exclamation mark, a cross. */
    public String icon() {
        return this.icon;
    }

    /** The modifier class the stylesheet colours by: {@code is-operational}, {@code is-degraded}, {@code is-outage}. */
    public String modifier() {
        return "is-" + name().toLowerCase(Locale.ROOT);
    }

}
