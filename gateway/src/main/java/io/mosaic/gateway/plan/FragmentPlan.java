package io.mosaic.gateway.plan;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mosaic.gateway.html.Asset;
import io.mosaic.gateway.html.ParsedFragment;
import io.mosaic.gateway.html.UrlRewriter;
import io.mosaic.gateway.policy.FragmentPolicy;
import io.mosaic.manifest.FragmentDefinition;
import java.util.List;

/**
 * One fragment, ready for the hot path: its definition, its proxy base, its breaker and
 * bulkhead (kept across manifest reloads while their settings stay the same), its declared
 * assets and parsed fallback. Nothing is learned from its answers for later pages.
 *
 * @param definition the manifest's fragment, with effective settings
 * @param policy what it may reach and what may reach it: paths, headers, origin, trust (asked by every caller)
 * @param breaker its circuit breaker
 * @param bulkhead its bulkhead
 * @param proxyBreaker the breaker of its proxy routes, apart from the page's
 * @param proxyBulkhead the bulkhead of its proxy routes, apart from the page's
 * @param urls the rewriter for its markup
 * @param declaredAssets the manifest's assets, proxied
 * @param fallback the manifest's fallback, parsed and rewritten once; null when none
 * @param planVersion the version of the plan that compiled it ({@link CompositionPlan#version}): what a
 *                    parse kept with a stored answer is keyed by, since another plan may rewrite the same bytes otherwise
 */
public record FragmentPlan(FragmentDefinition definition, FragmentPolicy policy, CircuitBreaker breaker, Bulkhead bulkhead,
                           CircuitBreaker proxyBreaker, Bulkhead proxyBulkhead, UrlRewriter urls, List<Asset> declaredAssets,
                           ParsedFragment fallback, long planVersion) {

    public FragmentPlan {
        declaredAssets = List.copyOf(declaredAssets);
    }

    public String name() {
        return definition.name();
    }

    /** The gateway path of its proxy, {@code /fragments/NAME}. */
    public String proxyBase() {
        return policy.proxyBase();
    }

    /** Identity: every plan makes its own fragment plans, and caches keyed by them must not compare definitions. */
    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
