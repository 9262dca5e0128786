package io.mosaic.gateway.console;

import io.mosaic.gateway.registry.Caller;
import io.mosaic.gateway.registry.IncidentControl;
import io.mosaic.gateway.registry.StoredFragment;

/**
 * A registered fragment that is on no page: its team disabled it, or an admin took it off (an
 * incident control only an admin lifts).
 *
 * @param name the fragment
 * @param team its team
 * @param why why it is off the pages, in words
 * @param byAdmin whether an admin took it off
 * @param mayEnable whether the signed-in caller may put it back
 */
public record OffPageRow(String name, String team, String why, boolean byAdmin, boolean mayEnable) {

    static OffPageRow of(StoredFragment fragment, IncidentControl control, Caller caller) {
        boolean byAdmin = control != null && control.disabled();
        String why = byAdmin ? "taken off the pages by an admin (an incident control: only an admin can put it back)"
                : "disabled by " + fragment.updatedBy();
        boolean mayEnable = caller != null && caller.mayChange(fragment.team()) && (!byAdmin || caller.admin());
        return new OffPageRow(fragment.name(), fragment.team(), why, byAdmin, mayEnable);
    }
}
