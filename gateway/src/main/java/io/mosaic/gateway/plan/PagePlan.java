package io.mosaic.gateway.plan;

import io.mosaic.gateway.layout.Segment;
import io.mosaic.manifest.PageDefinition;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One page, ready for the hot path: its layout already rendered and cut into segments, its
 * fragments in document order.
 *
 * @param definition the manifest's page
 * @param segments the document, in order: static text and the places fragments go
 * @param fragments the page's fragments by name, in document order
 * @param primary the fragment whose status the page answers with; null when none
 * @param headAssetKeys the keys of the assets already in the head, so an answer's own stylesheets are not repeated
 * @param slots each slot's fragments in the order shown, by slot name in the layout's order: the one answer to
 *              "what is in this slot", named or mounted, that the console and the API read too
 */
public record PagePlan(PageDefinition definition, List<Segment> segments, Map<String, FragmentPlan> fragments,
                       FragmentPlan primary, Set<String> headAssetKeys, Map<String, List<String>> slots) {

    public PagePlan {
        segments = List.copyOf(segments);
        fragments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fragments));
        headAssetKeys = Set.copyOf(headAssetKeys);
        java.util.Map<String, List<String>> copied = new java.util.LinkedHashMap<>();
        slots.forEach((slot, names) -> copied.put(slot, List.copyOf(names)));
        slots = java.util.Collections.unmodifiableMap(copied);
    }

    /** The slot that shows fragment {@code name} on this page, if any. */
    public java.util.Optional<String> slotOf(String name) {
        return slots.entrySet().stream().filter(slot -> slot.getValue().contains(name)).map(Map.Entry::getKey).findFirst();
    }

    /** Whether {@code slot} is an open slot, which fragments mount themselves into. */
    public boolean isOpen(String slot) {
        return definition.slots().get(slot) instanceof io.mosaic.manifest.SlotDefinition.Open;
    }

    public String path() {
        return definition.path();
    }
}
