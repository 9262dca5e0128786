package io.mosaic.gateway.plan;

import java.util.Optional;

/**
 * An admin's hold on a fragment's breaker, kept in the registry so that every gateway instance
 * applies it and no team's write lifts it: each plan puts the fragment's breaker in this state.
 */
public enum BreakerControl {

    /** Off every page at once: its fallback is served, not even its last copy, and its origin is not called. */
    FORCE_OPEN("force-open"),
    /** Always called, whatever its failures: the breaker never opens. */
    FORCE_CLOSED("force-closed");

    private final String id;

    BreakerControl(String id) {
        this.id = id;
    }

    /** As the console, the store and the audit log write it: {@code force-open} or {@code force-closed}. */
    public String id() {
        return id;
    }

    /** The control written {@code id}, if any. */
    public static Optional<BreakerControl> byId(String id) {
        for (BreakerControl control : values()) {
            if (control.id.equals(id)) {
                return Optional.of(control);
            }
        }
        return Optional.empty();
    }
}
