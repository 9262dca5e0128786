package io.mosaic.gateway.metrics;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.plan.PlanApplied;
import io.mosaic.gateway.plan.PlanHolder;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.event.EventListener;

/**
 * Per-fragment gauges that follow the plan in force: each fragment's breakers' states and
 * its bulkheads' free places and saturation (page fetches and proxy calls apart), tagged {@code fragment}. A gauge reads the current plan on every scrape, so a
 * breaker replaced by a reload is reported, and a fragment removed reads as NaN.
 */
public final class FragmentMetrics {

    private final MeterRegistry meters;
    private final PlanHolder plans;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    public FragmentMetrics(MeterRegistry meters, PlanHolder plans) {
        this.meters = meters;
        this.plans = plans;
        register();
    }

    @EventListener
    public void onPlanApplied(PlanApplied applied) {
        register();
    }

    private void register() {
        for (String name : plans.current().fragments().keySet()) {
            if (!registered.add(name)) {
                continue;
            }
            Gauge.builder("mosaic.fragment.breaker.state", plans, p -> breakerState(p.current().fragments().get(name), false))
                    .description("Circuit breaker state: 0 closed, 1 open, 2 half-open, 3 other (disabled, forced open...)")
                    .tag("fragment", name)
                    .register(meters);
            Gauge.builder("mosaic.fragment.breaker.failure.rate", plans, p -> failureRate(p.current().fragments().get(name)))
                    .description("Failure rate over the breaker's window, in percent; -1 until minimumCalls were made")
                    .tag("fragment", name)
                    .register(meters);
            Gauge.builder("mosaic.fragment.proxy.breaker.state", plans, p -> breakerState(p.current().fragments().get(name), true))
                    .description("The proxy routes' circuit breaker state: 0 closed, 1 open, 2 half-open, 3 other")
                    .tag("fragment", name)
                    .register(meters);
            Gauge.builder("mosaic.fragment.bulkhead.available", plans, p -> available(p.current().fragments().get(name), false))
                    .description("Fetches that may still start before the bulkhead refuses")
                    .tag("fragment", name)
                    .register(meters);
            Gauge.builder("mosaic.fragment.bulkhead.saturation", plans, p -> saturation(p.current().fragments().get(name), false))
                    .description("Share of the bulkhead's places in use, 0 to 1; at 1 further fetches get the fallback at once")
                    .tag("fragment", name)
                    .register(meters);
            Gauge.builder("mosaic.fragment.proxy.bulkhead.available", plans, p -> available(p.current().fragments().get(name), true))
                    .description("Proxy calls that may still start before the proxy routes' bulkhead answers 503")
                    .tag("fragment", name)
                    .register(meters);
            Gauge.builder("mosaic.fragment.proxy.bulkhead.saturation", plans, p -> saturation(p.current().fragments().get(name), true))
                    .description("Share of the proxy routes' bulkhead places in use, 0 to 1")
                    .tag("fragment", name)
                    .register(meters);
        }
    }

    static double breakerState(FragmentPlan fragment, boolean proxy) {
        if (fragment == null) {
            return Double.NaN;
        }
        CircuitBreaker.State state = (proxy ? fragment.proxyBreaker() : fragment.breaker()).getState();
        return switch (state) {
            case CLOSED -> 0;
            case OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }

    static double available(FragmentPlan fragment, boolean proxy) {
        return fragment == null ? Double.NaN
                : (proxy ? fragment.proxyBulkhead() : fragment.bulkhead()).getMetrics().getAvailableConcurrentCalls();
    }

    static double saturation(FragmentPlan fragment, boolean proxy) {
        if (fragment == null) {
            return Double.NaN;
        }
        Bulkhead.Metrics metrics = (proxy ? fragment.proxyBulkhead() : fragment.bulkhead()).getMetrics();
        int max = metrics.getMaxAllowedConcurrentCalls();
        return max <= 0 ? Double.NaN : (double) (max - metrics.getAvailableConcurrentCalls()) / max;
    }

    static double failureRate(FragmentPlan fragment) {
        return fragment == null ? Double.NaN : fragment.breaker().getMetrics().getFailureRate();
    }
}
