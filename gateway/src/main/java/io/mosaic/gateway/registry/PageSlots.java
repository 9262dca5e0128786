package io.mosaic.gateway.registry;

import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.Manifest;
import io.mosaic.manifest.PageDefinition;
import io.mosaic.manifest.SlotDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages of a manifest as teams need to see them to mount a fragment: each page's layout and
 * slots, and for an open slot its fragments, its {@code max} and its free places. One view for
 * the API ({@code GET /api/pages}) and the console's pages view.
 */
public final class PageSlots {

    private PageSlots() {
    }

    public static List<Map<String, Object>> of(Manifest manifest) {
        List<Map<String, Object>> pages = new ArrayList<>();
        for (PageDefinition page : manifest.pages()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("path", page.path());
            view.put("title", page.title());
            view.put("layout", page.layout());
            view.put("primary", page.primary());
            List<Map<String, Object>> slots = new ArrayList<>();
            page.slots().forEach((slot, content) -> {
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("name", slot);
                if (content instanceof SlotDefinition.Open open) {
                    List<String> mounted = manifest.mounted(page.path(), slot).stream().map(FragmentDefinition::name).toList();
                    s.put("open", true);
                    s.put("max", open.max());
                    s.put("free", Math.max(0, open.max() - mounted.size()));
                    s.put("fragments", mounted);
                } else if (content instanceof SlotDefinition.Fragments named) {
                    s.put("open", false);
                    s.put("fragments", named.names());
                }
                slots.add(s);
            });
            view.put("slots", slots);
            pages.add(view);
        }
        return pages;
    }
}
