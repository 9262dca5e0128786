package io.mosaic.gateway.console;

import io.mosaic.gateway.observe.Observations;
import io.mosaic.gateway.plan.CompositionPlan;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.registry.Caller;
import java.util.List;
import org.springframework.stereotype.Component;

/** The console's rows of the plan in force, with each fragment's last minute: the live table's, and a detail's. */
@Component
class ConsoleRows {

    private final PlanHolder plans;
    private final Observations observations;

    ConsoleRows(PlanHolder plans, Observations observations) {
        this.plans = plans;
        this.observations = observations;
    }

    CompositionPlan plan() {
        return plans.current();
    }

    List<FragmentRow> all(CompositionPlan plan, Caller caller) {
        return plan.fragments().values().stream().map(fragment -> row(fragment, plan, caller)).toList();
    }

    FragmentRow row(FragmentPlan fragment, CompositionPlan plan, Caller caller) {
        return FragmentRow.of(fragment, plan, observations.snapshot(fragment.name()), observations.version(fragment.name()),
                plan.isRegistered(fragment.name()) && caller != null && caller.mayChange(fragment.definition().team()));
    }
}
