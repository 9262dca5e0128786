package io.mosaic.manifest.internal;

import io.mosaic.manifest.LayoutCatalog;
import io.mosaic.manifest.Problem;
import io.mosaic.manifest.SlotDefinition;
import io.mosaic.manifest.internal.Drafts.FragmentDraft;
import io.mosaic.manifest.internal.Drafts.MountDraft;
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
 * Checks every fragment's {@code mount} against the pages: the page exists, the slot is one of
 * its open slots, the fragment is on the page once, and the slot has room, for its team too
 * ({@code perTeam}). Slots fill in declaration order (files in merge order, then fragment
 * documents), so the mount that would overflow a slot or its team's share is the one refused,
 * wherever it was written.
 */
final class MountCheck {

    private final LayoutCatalog layouts;
    private final List<Problem> problems;

    MountCheck(LayoutCatalog layouts, List<Problem> problems) {
        this.layouts = layouts;
        this.problems = problems;
    }

    /** {@code fragments} in declaration order, each name once; {@code pages} by path, the first definition of each. */
    void check(List<FragmentDraft> fragments, Map<String, PageDraft> pages) {
        Map<String, List<String>> filled = new HashMap<>();
        Map<String, List<String>> filledByTeam = new HashMap<>();
        for (FragmentDraft fragment : fragments) {
            Map<String, MountDraft> pagesMounted = new LinkedHashMap<>();
            for (MountDraft mount : fragment.mounts()) {
                if (mount.page() == null || mount.slot() == null) {
                    continue;
                }
                PageDraft page = pages.get(mount.page());
                if (page == null) {
                    problems.add(mount.pageAt().problem("unknown page '" + mount.page() + "'"
                            + Suggestions.didYouMean(mount.page(), pages.keySet())));
                    continue;
                }
                Optional<SlotDefinition.Open> open = openSlot(page, mount);
                if (open.isEmpty()) {
                    continue;
                }
                MountDraft earlier = pagesMounted.get(mount.page());
                if (earlier != null) {
                    problems.add(earlier.slot().equals(mount.slot())
                            ? mount.at().problem("slot '" + mount.slot() + "' of page '" + mount.page() + "' is already mounted at "
                                    + earlier.at().path() + "; mount a fragment into a slot once")
                            : mount.pageAt().problem("fragment '" + fragment.name() + "' is already on page '" + mount.page()
                                    + "': mounted into slot '" + earlier.slot() + "' at " + earlier.at().path()
                                    + "; a fragment appears at most once per page"));
                    continue;
                }
                pagesMounted.put(mount.page(), mount);
                Optional<SlotDraft> named = page.slots().stream()
                        .filter(slot -> slot.references().stream().anyMatch(r -> r.name().equals(fragment.name())))
                        .findFirst();
                if (named.isPresent()) {
                    Reference reference = named.get().references().stream()
                            .filter(r -> r.name().equals(fragment.name())).findFirst().orElseThrow();
                    problems.add(mount.pageAt().problem("fragment '" + fragment.name() + "' is already on page '" + mount.page()
                            + "': named in slot '" + named.get().name() + "' at " + reference.at().path()
                            + "; a fragment appears at most once per page"));
                    continue;
                }
                String slotKey = mount.page() + "\n" + mount.slot();
                List<String> already = filled.computeIfAbsent(slotKey, key -> new ArrayList<>());
                int max = open.get().max();
                if (already.size() >= max) {
                    problems.add(mount.slotAt().problem("slot '" + mount.slot() + "' of page '" + mount.page() + "' is full: it shows at most "
                            + max + fragments(max) + " (already mounted: " + String.join(", ", already) + ")"));
                    continue;
                }
                // A fragment whose team did not bind has its own problem; its share cannot be counted.
                List<String> ofTeam = fragment.team() == null ? new ArrayList<>()
                        : filledByTeam.computeIfAbsent(slotKey + "\n" + fragment.team(), key -> new ArrayList<>());
                int perTeam = open.get().perTeam();
                if (ofTeam.size() >= perTeam) {
                    problems.add(mount.slotAt().problem("slot '" + mount.slot() + "' of page '" + mount.page() + "' is full for team '"
                            + fragment.team() + "': it shows at most " + perTeam + fragments(perTeam) + " of one team (perTeam; "
                            + "already mounted by " + fragment.team() + ": " + String.join(", ", ofTeam) + ")"));
                    continue;
                }
                already.add(fragment.name());
                ofTeam.add(fragment.name());
            }
        }
    }

    private static String fragments(int count) {
        return count == 1 ? " fragment" : " fragments";
    }

    /** The slot when {@code mount} names an open slot of {@code page}; otherwise records why not. */
    private Optional<SlotDefinition.Open> openSlot(PageDraft page, MountDraft mount) {
        Map<String, SlotDefinition.Open> open = new LinkedHashMap<>();
        boolean declared = false;
        for (SlotDraft slot : page.slots()) {
            if (slot.definition() instanceof SlotDefinition.Open o) {
                open.put(slot.name(), o);
            }
            declared |= slot.name().equals(mount.slot());
        }
        if (open.containsKey(mount.slot())) {
            return Optional.of(open.get(mount.slot()));
        }
        String openSlots = open.isEmpty() ? "page '" + page.path() + "' has no open slot"
                : "its open slots: " + String.join(", ", open.keySet());
        List<String> layoutSlots = page.layout() == null ? List.of() : layouts.slots(page.layout()).orElse(List.of());
        if (declared || layoutSlots.contains(mount.slot())) {
            problems.add(mount.slotAt().problem("slot '" + mount.slot() + "' of page '" + page.path() + "' is not open: "
                    + (declared ? "the page names its fragments" : "the page does not declare it") + "; " + openSlots));
        } else {
            problems.add(mount.slotAt().problem("page '" + page.path() + "' (layout '" + page.layout() + "') has no slot '"
                    + mount.slot() + "'" + Suggestions.didYouMean(mount.slot(), open.keySet()) + "; " + openSlots));
        }
        return Optional.empty();
    }
}
