package io.mosaic.gateway.plan;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mosaic.gateway.html.Asset;
import io.mosaic.gateway.html.FragmentParser;
import io.mosaic.gateway.html.ParsedFragment;
import io.mosaic.gateway.html.UrlRewriter;
import io.mosaic.gateway.layout.LayoutRenderer;
import io.mosaic.gateway.layout.Layouts;
import io.mosaic.gateway.layout.Segment;
import io.mosaic.gateway.policy.FragmentPolicy;
import io.mosaic.gateway.policy.Allowance;
import io.mosaic.gateway.policy.TeamGrants;
import io.mosaic.gateway.render.Spliced;
import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.Manifest;
import io.mosaic.manifest.PageDefinition;
import io.mosaic.manifest.SlotDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Converts a manifest into a {@link CompositionPlan} once, the way Spring Cloud Gateway converts
 * route definitions into routes: layouts are rendered and cut, fallbacks parsed, breakers made.
 * Each fragment's {@link FragmentPolicy} is compiled here once. A fragment keeps its breaker and
 * bulkhead from the previous plan while its origin and settings stay the same. The head's asset tags are rendered here once, with a marker where each
 * response's CSP nonce goes.
 */
public final class PlanCompiler {

    private final LayoutRenderer renderer;
    private final Layouts layouts;
    private final FragmentParser parser;
    private final TeamGrants grants;
    private final Guards guards;

    /**
     * @param grants what the operator grants each team's registered fragments
     * @param guards what makes each fragment's breakers and bulkheads, for its page fetches and its proxy routes
     */
    public PlanCompiler(LayoutRenderer renderer, Layouts layouts, FragmentParser parser, TeamGrants grants, Guards guards) {
        this.renderer = renderer;
        this.layouts = layouts;
        this.parser = parser;
        this.grants = grants;
        this.guards = guards;
    }

    /**
     * Builds the plan of {@code manifest}, whose fragments named in {@code registered} came from
     * the registry, with the admin's {@code breakerControls} applied; {@code previous} may be null.
     */
    public CompositionPlan compile(Manifest manifest, String source, Set<String> registered,
                                   Map<String, BreakerControl> breakerControls, CompositionPlan previous) {
        long version = previous == null ? 1 : previous.version() + 1;
        Map<String, FragmentPlan> fragments = new LinkedHashMap<>();
        for (FragmentDefinition definition : manifest.fragments()) {
            FragmentPlan before = previous == null ? null : previous.fragments().get(definition.name());
            FragmentPlan fragment = fragment(definition, registered.contains(definition.name()), before, version);
            hold(fragment.breaker(), breakerControls.get(definition.name()));
            fragments.put(definition.name(), fragment);
        }
        Map<String, PagePlan> pages = new LinkedHashMap<>();
        for (PageDefinition page : manifest.pages()) {
            pages.put(page.path(), page(manifest, page, fragments));
        }
        return new CompositionPlan(version, manifest, source, pages, fragments, registered, breakerControls, Instant.now());
    }

    /**
     * Puts {@code breaker} in the state an admin holds it in, or releases it from a hold that was
     * lifted: whatever breaker a plan makes (a team's change of URL or breaker settings makes a new
     * one), the admin's hold stays until an admin lifts it.
     */
    static void hold(CircuitBreaker breaker, BreakerControl control) {
        CircuitBreaker.State state = breaker.getState();
        if (control == BreakerControl.FORCE_OPEN) {
            if (state != CircuitBreaker.State.FORCED_OPEN) {
                breaker.transitionToForcedOpenState();
            }
        } else if (control == BreakerControl.FORCE_CLOSED) {
            if (state != CircuitBreaker.State.DISABLED) {
                breaker.transitionToDisabledState();
            }
        } else if (state == CircuitBreaker.State.FORCED_OPEN || state == CircuitBreaker.State.DISABLED) {
            breaker.transitionToClosedState();
        }
    }

    private FragmentPlan fragment(FragmentDefinition definition, boolean registered, FragmentPlan before, long version) {
        // The operator's own fragments have what they declare; a team's have what the operator grants the team.
        String team = definition.team();
        FragmentPolicy policy = registered
                ? FragmentPolicy.compile(definition, Allowance.registered(grants.mayReceive(team), grants.sessionCookie()),
                        TeamGrants.atMost(definition.trust(), grants.maxTrust(team)))
                : FragmentPolicy.compile(definition, Allowance.OPERATOR, definition.trust());
        String base = policy.proxyBase();
        UrlRewriter urls = new UrlRewriter(policy);
        List<Asset> declared = new ArrayList<>();
        Map<String, String> integrity = definition.assets().integrity();
        definition.assets().css().forEach(path -> declared.add(Asset.css(base + path).withIntegrity(integrity.get(path))));
        definition.assets().js().forEach(path -> declared.add(Asset.js(base + path).withIntegrity(integrity.get(path))));
        // The fallback is the team's markup too: it gets the same treatment as its answers.
        ParsedFragment fallback = definition.fallbackHtml().map(html -> parser.parse(html, urls, policy.trust())).orElse(null);

        boolean sameOrigin = before != null && before.definition().url().equals(definition.url());
        boolean sameBreaker = sameOrigin && before.definition().circuitBreaker().equals(definition.circuitBreaker());
        boolean sameBulkhead = before != null && before.definition().bulkhead().equals(definition.bulkhead());
        String proxyName = definition.name() + " proxy";
        CircuitBreaker breaker = sameBreaker ? before.breaker() : guards.breaker(definition.name(), definition.circuitBreaker());
        Bulkhead bulkhead = sameBulkhead ? before.bulkhead() : guards.bulkhead(definition.name(), definition.bulkhead());
        CircuitBreaker proxyBreaker = sameBreaker ? before.proxyBreaker() : guards.breaker(proxyName, definition.circuitBreaker());
        Bulkhead proxyBulkhead = sameBulkhead ? before.proxyBulkhead() : guards.bulkhead(proxyName, definition.bulkhead());
        return new FragmentPlan(definition, policy, breaker, bulkhead, proxyBreaker, proxyBulkhead, urls, declared, fallback, version);
    }

    private PagePlan page(Manifest manifest, PageDefinition page, Map<String, FragmentPlan> fragments) {
        Map<String, List<String>> bySlot = new LinkedHashMap<>();
        page.slots().forEach((slot, content) -> {
            if (content instanceof SlotDefinition.Fragments named) {
                bySlot.put(slot, named.names());
            } else if (content instanceof SlotDefinition.Open) {
                // The fragments bring themselves; the manifest orders them and keeps to the slot's max.
                bySlot.put(slot, manifest.mounted(page.path(), slot).stream().map(FragmentDefinition::name).toList());
            }
        });
        Map<String, FragmentPlan> onPage = new LinkedHashMap<>();
        Map<String, Asset> head = new LinkedHashMap<>();
        List<Segment> segments = renderer.render(layouts.template(page.layout()), new LayoutRenderer.PageModel(
                Objects.requireNonNullElse(page.title(), "Admin console"), page.path(),
                layouts.catalog().slots(page.layout()).orElse(List.of()), bySlot));
        // Head assets follow document order, so stylesheets cascade the way the page reads.
        for (Segment segment : segments) {
            if (segment instanceof Segment.Fragment f) {
                FragmentPlan plan = fragments.get(f.name());
                onPage.put(f.name(), plan);
                plan.declaredAssets().forEach(asset -> head.putIfAbsent(asset.key(), asset));
            }
        }
        StringBuilder headHtml = new StringBuilder();
        head.values().forEach(asset -> headHtml.append(asset.toHtml(Spliced.MARKER)).append('\n'));
        List<Segment> withHead = new ArrayList<>();
        for (Segment segment : segments) {
            withHead.add(segment instanceof Segment.Head ? new Segment.Text(headHtml.toString()) : segment);
        }
        Set<String> headKeys = new LinkedHashSet<>(head.keySet());
        FragmentPlan primary = page.primaryFragment().map(fragments::get).orElse(null);
        return new PagePlan(page, merge(withHead), onPage, primary, headKeys, bySlot);
    }

    /** Joins neighbouring text segments, so a request writes as few buffers as possible. */
    private static List<Segment> merge(List<Segment> segments) {
        List<Segment> merged = new ArrayList<>();
        for (Segment segment : segments) {
            if (segment instanceof Segment.Text text && !merged.isEmpty() && merged.get(merged.size() - 1) instanceof Segment.Text last) {
                merged.set(merged.size() - 1, new Segment.Text(last.markup().concat(text.markup())));
            } else if (!(segment instanceof Segment.Text text && text.markup().utf8().length == 0 && !text.markup().needsNonce())) {
                merged.add(segment);
            }
        }
        return merged;
    }
}
