package io.mosaic.gateway.plan;

import java.util.concurrent.atomic.AtomicReference;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The plan in force. Swapping it is one atomic write; the proxy's one route reads the plan on
 * every call, so nothing else needs telling.
 */
public final class PlanHolder {

    private final AtomicReference<CompositionPlan> current;
    private final ApplicationEventPublisher events;

    public PlanHolder(CompositionPlan initial, ApplicationEventPublisher events) {
        this.current = new AtomicReference<>(initial);
        this.events = events;
    }

    public CompositionPlan current() {
        return current.get();
    }

    /** Puts {@code plan} in force for every request that starts from now on. */
    public void apply(CompositionPlan plan) {
        current.set(plan);
        events.publishEvent(new PlanApplied(plan));
    }
}
