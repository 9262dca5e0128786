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
 * its open slots, the fragment is on the page once, and the slot has room. Slots fill in
 * declaration order (files in merge order, then fragment documents), so the mount that would
 * overflow a slot is the one refused, wherever it was written.
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
                Optional<Integer> max = openSlot(page, mount);
                if (max.isEmpty()) {
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
                List<String> already = filled.computeIfAbsent(mount.page() + "\n" + mount.slot(), key -> new ArrayList<>());
                if (already.size() >= max.get()) {
                    problems.add(mount.slotAt().problem("slot '" + mount.slot() + "' of page '" + mount.page() + "' is full: it shows at most "
                            + max.get() + (max.get() == 1 ? " fragment" : " fragments") + " (already mounted: " + String.join(", ", already) + ")"));
                    continue;
                }
                already.add(fragment.name());
            }
        }
    }

    /** The slot's {@code max} when {@code mount} names an open slot of {@code page}; otherwise records why not. */
    private Optional<Integer> openSlot(PageDraft page, MountDraft mount) {
        Map<String, Integer> open = new LinkedHashMap<>();
        boolean declared = false;
        for (SlotDraft slot : page.slots()) {
            if (slot.definition() instanceof SlotDefinition.Open o) {
                open.put(slot.name(), o.max());
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
