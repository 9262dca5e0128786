package io.mosaic.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole, valid manifest: the fragments that teams run and the pages composed from them.
 *
 * <p>Instances only come out of {@link ManifestReader} after every rule has passed, so holders
 * may rely on the invariants the validator checks: fragment names are unique slugs, every slot
 * names a fragment that exists, every fragment already carries its effective settings (the
 * manifest's {@link Defaults} merged with its own overrides), every {@link Mount} names an open
 * slot of an existing page that still has room, and a fragment is on a page at most once.
 *
 * @param version the manifest format version; only {@value #CURRENT_VERSION} exists
 * @param defaults the settings that fragments inherit
 * @param fragments the fragments, in the order they were declared
 * @param pages the pages, in the order they were declared
 */
public record Manifest(int version, Defaults defaults, List<FragmentDefinition> fragments, List<PageDefinition> pages) {

    /** The only manifest format version this build reads. */
    public static final int CURRENT_VERSION = 1;

    public Manifest {
        Objects.requireNonNull(defaults, "defaults");
        fragments = List.copyOf(fragments);
        pages = List.copyOf(pages);
    }

    /** The fragment called {@code name}, if the manifest declares it. */
    public Optional<FragmentDefinition> fragment(String name) {
        return fragments.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * The fragments mounted into the open slot {@code slot} of page {@code pagePath}, in the order
     * the slot shows them: by {@link Mount#order()}, then by name. Never more than the slot's
     * {@code max}, nor more than its {@code perTeam} of one team (the validator refuses more; a
     * manifest built by hand is cut at them, in that order), and empty when the page has no such
     * open slot.
     */
    public List<FragmentDefinition> mounted(String pagePath, String slot) {
        Optional<SlotDefinition.Open> open = openSlot(pagePath, slot);
        if (open.isEmpty()) {
            return List.of();
        }
        record Placed(int order, FragmentDefinition fragment) {
        }
        List<Placed> placed = new ArrayList<>();
        for (FragmentDefinition fragment : fragments) {
            fragment.mount().stream()
                    .filter(mount -> mount.page().equals(pagePath) && mount.slot().equals(slot))
                    .findFirst()
                    .ifPresent(mount -> placed.add(new Placed(mount.order(), fragment)));
        }
        placed.sort(Comparator.comparingInt(Placed::order).thenComparing(p -> p.fragment().name()));
        List<FragmentDefinition> shown = new ArrayList<>();
        Map<String, Integer> perTeam = new HashMap<>();
        for (Placed p : placed) {
            if (shown.size() == open.get().max()) {
                break;
            }
            if (perTeam.merge(p.fragment().team(), 1, Integer::sum) <= open.get().perTeam()) {
                shown.add(p.fragment());
            }
        }
        return List.copyOf(shown);
    }

    /**
     * How many more fragments of {@code team} the open slot {@code slot} of page {@code pagePath}
     * takes: the slot's free places, but no more than what is left of the team's
     * {@code perTeam}. 0 when the slot is full for the team, or is not an open slot of the page.
     */
    public int freePlaces(String pagePath, String slot, String team) {
        return openSlot(pagePath, slot).map(open -> {
            List<FragmentDefinition> there = mounted(pagePath, slot);
            long ofTeam = there.stream().filter(fragment -> fragment.team().equals(team)).count();
            return (int) Math.max(0, Math.min(open.max() - there.size(), open.perTeam() - ofTeam));
        }).orElse(0);
    }

    private Optional<SlotDefinition.Open> openSlot(String pagePath, String slot) {
        return page(pagePath)
                .map(page -> page.slots().get(slot))
                .filter(SlotDefinition.Open.class::isInstance)
                .map(SlotDefinition.Open.class::cast);
    }

    /**
     * Every fragment on page {@code pagePath}, in slot order: those its slots name and those
     * mounted into its open slots (in {@link #mounted} order). {@link PageDefinition#fragmentNames()}
     * knows only the named ones, since mounts belong to the fragments.
     */
    public List<String> fragmentNamesOn(String pagePath) {
        return page(pagePath).map(page -> {
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, SlotDefinition> slot : page.slots().entrySet()) {
                if (slot.getValue() instanceof SlotDefinition.Fragments named) {
                    names.addAll(named.names());
                } else {
                    mounted(pagePath, slot.getKey()).forEach(fragment -> names.add(fragment.name()));
                }
            }
            return List.copyOf(names);
        }).orElse(List.of());
    }

    /** The page at {@code path}, if the manifest declares it. */
    public Optional<PageDefinition> page(String path) {
        return pages.stream().filter(p -> p.path().equals(path)).findFirst();
    }
}
