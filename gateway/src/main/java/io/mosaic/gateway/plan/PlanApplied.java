package io.mosaic.gateway.plan;

/**
 * Published when a plan starts serving, at start and after every reload.
 *
 * @param plan the plan now in force
 */
public record PlanApplied(CompositionPlan plan) {
}
