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
 */
public record PagePlan(PageDefinition definition, List<Segment> segments, Map<String, FragmentPlan> fragments,
                       FragmentPlan primary, Set<String> headAssetKeys) {

    public PagePlan {
        segments = List.copyOf(segments);
        fragments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fragments));
        headAssetKeys = Set.copyOf(headAssetKeys);
    }

    public String path() {
        return definition.path();
    }
}
