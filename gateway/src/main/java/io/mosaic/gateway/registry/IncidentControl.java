package io.mosaic.gateway.registry;

import io.mosaic.gateway.plan.BreakerControl;
import java.time.Instant;

/**
 * An admin's incident controls on one fragment, as the registry keeps them.
 *
 * @param fragment the fragment's name
 * @param breaker the breaker held open or closed; null when the breaker counts as usual
 * @param disabled whether an admin took it off every page (a registered fragment); a team cannot put it back
 * @param setAt when an admin last changed them
 * @param setBy who ({@code admin})
 */
public record IncidentControl(String fragment, BreakerControl breaker, boolean disabled, Instant setAt, String setBy) {

    /** Whether it holds anything at all (else its row goes). */
    public boolean holds() {
        return breaker != null || disabled;
    }
}
