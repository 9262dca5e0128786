package io.mosaic.gateway.registry;

import io.mosaic.gateway.plan.CompositionPlan;
import io.mosaic.gateway.plan.PagePlan;
import io.mosaic.manifest.SlotDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pages in force as teams need to see them to mount a fragment: each page's layout and
 * slots, and for an open slot its fragments, its {@code max}, its {@code perTeam} share, its free
 * places and how many of them the caller's team may still take. Read from the plan, whose slot
 * membership is the one every page is composed with. One view for the API ({@code GET /api/pages})
 * and the console's pages view.
 */
public final class PageSlots {

    private PageSlots() {
    }

    /** The pages of {@code plan}, with what {@code team} may still mount (null: the admin, who is no team). */
    public static List<Map<String, Object>> of(CompositionPlan plan, String team) {
        List<Map<String, Object>> pages = new ArrayList<>();
        for (PagePlan page : plan.pages().values()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("path", page.path());
            view.put("title", page.definition().title());
            view.put("layout", page.definition().layout());
            view.put("primary", page.definition().primary());
            List<Map<String, Object>> slots = new ArrayList<>();
            page.definition().slots().forEach((slot, content) -> {
                Map<String, Object> s = new LinkedHashMap<>();
                List<String> shown = page.slots().getOrDefault(slot, List.of());
                s.put("name", slot);
                s.put("open", content instanceof SlotDefinition.Open);
                if (content instanceof SlotDefinition.Open open) {
                    s.put("max", open.max());
                    s.put("perTeam", open.perTeam());
                    s.put("free", Math.max(0, open.max() - shown.size()));
                    if (team != null) {
                        s.put("freeForTeam", plan.manifest().freePlaces(page.path(), slot, team));
                    }
                }
                s.put("fragments", shown);
                slots.add(s);
            });
            view.put("slots", slots);
            pages.add(view);
        }
        return pages;
    }
}
