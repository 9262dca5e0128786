package io.mosaic.manifest.internal;

import io.mosaic.manifest.CircuitBreakerSettings;
import io.mosaic.manifest.Defaults;
import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.LayoutCatalog;
import io.mosaic.manifest.Manifest;
import io.mosaic.manifest.Mount;
import io.mosaic.manifest.PageDefinition;
import io.mosaic.manifest.Problem;
import io.mosaic.manifest.SlotDefinition;
import io.mosaic.manifest.internal.Drafts.FragmentDraft;
import io.mosaic.manifest.internal.Drafts.Overrides;
import io.mosaic.manifest.internal.Drafts.PageDraft;
import io.mosaic.manifest.internal.Drafts.Reference;
import io.mosaic.manifest.internal.Drafts.SlotDraft;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges the parts of a manifest (one per file or fragment document), applies the defaults to
 * every fragment and checks what spans fragments and pages: unique names and paths, layouts,
 * slots, references and mounts.
 */
final class Resolver {

    private final LayoutCatalog layouts;
    private final List<Problem> problems;

    Resolver(LayoutCatalog layouts, List<Problem> problems) {
        this.layouts = layouts;
        this.problems = problems;
    }

    Optional<Manifest> resolve(List<Drafts.Part> parts) {
        Defaults defaults = defaults(parts);
        Map<String, FragmentDraft> fragmentsByName = new LinkedHashMap<>();
        List<FragmentDefinition> fragments = new ArrayList<>();
        for (Drafts.Part part : parts) {
            for (FragmentDraft draft : part.fragments()) {
                if (draft.name() == null) {
                    continue;
                }
                FragmentDraft first = fragmentsByName.putIfAbsent(draft.name(), draft);
                if (first != null) {
                    problems.add(draft.nameAt().problem("fragment '" + draft.name() + "' is defined twice: here and at "
                            + where(first.nameAt()) + "; fragment names must be unique"));
                    continue;
                }
                effective(draft, defaults).ifPresent(fragments::add);
            }
        }
        List<PageDefinition> pages = new ArrayList<>();
        Map<String, PageDraft> pagesByPath = new LinkedHashMap<>();
        for (Drafts.Part part : parts) {
            for (PageDraft draft : part.pages()) {
                if (draft.path() != null) {
                    PageDraft first = pagesByPath.putIfAbsent(draft.path(), draft);
                    if (first != null) {
                        problems.add(draft.pathAt().problem("page '" + draft.path() + "' is defined twice: here and at "
                                + where(first.pathAt()) + "; page paths must be unique"));
                        continue;
                    }
                }
                page(draft, fragmentsByName).ifPresent(pages::add);
            }
        }
        new MountCheck(layouts, problems).check(List.copyOf(fragmentsByName.values()), pagesByPath);
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Manifest(Manifest.CURRENT_VERSION, defaults, fragments, pages));
    }

    private Defaults defaults(List<Drafts.Part> parts) {
        Drafts.Part owner = null;
        Defaults defaults = Defaults.BUILT_IN;
        for (Drafts.Part part : parts) {
            if (part.defaultsAt() == null) {
                continue;
            }
            if (owner != null) {
                problems.add(part.defaultsAt().problem("defaults are already set at " + where(owner.defaultsAt())
                        + "; only one file of a manifest may set them"));
                continue;
            }
            owner = part;
            Overrides o = part.defaults();
            CircuitBreakerSettings breaker = o.circuitBreaker().applyTo(CircuitBreakerSettings.BUILT_IN);
            checkBreaker(breaker, o.circuitBreaker().at());
            defaults = o.applyTo(Defaults.BUILT_IN, breaker);
        }
        return defaults;
    }

    private Optional<FragmentDefinition> effective(FragmentDraft draft, Defaults defaults) {
        Overrides o = draft.overrides();
        CircuitBreakerSettings breaker = o.circuitBreaker().applyTo(defaults.circuitBreaker());
        boolean breakerOk = checkBreaker(breaker, o.circuitBreaker().at());
        if (draft.team() == null || draft.url() == null || !breakerOk) {
            return Optional.empty();
        }
        FragmentDefinition.Builder fragment = FragmentDefinition.builder(draft.name(), draft.team(), draft.url())
                .defaults(defaults)
                .circuitBreaker(breaker)
                .mount(draft.mounts().stream().filter(m -> m.page() != null && m.slot() != null)
                        .map(m -> new Mount(m.page(), m.slot(), m.order())).toList());
        o.applyTo(fragment);
        draft.sets().forEach(set -> set.accept(fragment));
        return Optional.of(fragment.build());
    }

    private boolean checkBreaker(CircuitBreakerSettings breaker, Position at) {
        if (at != null && breaker.minimumCalls() > breaker.window()) {
            problems.add(new Position(at.file(), at.line(), at.column(), at.path() + ".minimumCalls").problem(
                    "minimumCalls (" + breaker.minimumCalls() + ") must not exceed window (" + breaker.window() + ")"));
            return false;
        }
        return true;
    }

    private Optional<PageDefinition> page(PageDraft draft, Map<String, FragmentDraft> fragments) {
        int before = problems.size();
        List<String> slotNames = null;
        if (draft.layout() != null) {
            Optional<List<String>> layoutSlots = layouts.slots(draft.layout());
            if (layoutSlots.isEmpty()) {
                problems.add(draft.layoutAt().problem("unknown layout '" + draft.layout() + "'"
                        + Suggestions.didYouMean(draft.layout(), layouts.names()) + "; layouts: " + String.join(", ", layouts.names())));
            } else {
                slotNames = layoutSlots.get();
            }
        }
        Map<String, SlotDefinition> slots = new LinkedHashMap<>();
        Map<String, Reference> placed = new HashMap<>();
        for (SlotDraft slot : draft.slots()) {
            if (slotNames != null && !slotNames.contains(slot.name())) {
                problems.add(slot.at().problem("layout '" + draft.layout() + "' has no slot '" + slot.name() + "'"
                        + Suggestions.didYouMean(slot.name(), slotNames) + "; its slots: " + String.join(", ", slotNames)));
            }
            for (Reference reference : slot.references()) {
                if (!fragments.containsKey(reference.name())) {
                    problems.add(reference.at().problem("unknown fragment '" + reference.name() + "'"
                            + Suggestions.didYouMean(reference.name(), fragments.keySet())));
                    continue;
                }
                Reference first = placed.putIfAbsent(reference.name(), reference);
                if (first != null) {
                    problems.add(reference.at().problem("fragment '" + reference.name() + "' is already on this page at "
                            + first.at().path() + "; a fragment appears at most once per page"));
                }
            }
            slots.put(slot.name(), slot.definition());
        }
        Reference primary = draft.primary();
        if (primary != null && !placed.containsKey(primary.name())) {
            boolean mountedHere = fragments.containsKey(primary.name()) && fragments.get(primary.name()).mounts().stream()
                    .anyMatch(mount -> draft.path() != null && draft.path().equals(mount.page()));
            // A mounted fragment comes and goes with its team's publishing; the page's status must not hang on it.
            String known = mountedHere ? "fragment '" + primary.name() + "' is only mounted into this page, not named in a slot"
                    : fragments.containsKey(primary.name()) ? "fragment '" + primary.name() + "' is not on this page"
                    : "unknown fragment '" + primary.name() + "'" + Suggestions.didYouMean(primary.name(), placed.keySet());
            problems.add(primary.at().problem(known + "; primary must be one of the page's fragments"
                    + (placed.isEmpty() ? "" : ": " + String.join(", ", placed.keySet()))));
        }
        if (problems.size() != before || draft.path() == null || draft.layout() == null) {
            return Optional.empty();
        }
        return Optional.of(new PageDefinition(draft.path(), draft.title(), draft.layout(),
                primary == null ? null : primary.name(), slots));
    }

    private static String where(Position at) {
        return at.file() + ":" + at.line() + ":" + at.column();
    }
}
