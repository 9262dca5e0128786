package io.mosaic.gateway.plan;

import io.mosaic.manifest.Manifest;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a request needs, built once per manifest version and swapped whole: requests take
 * the current plan when they start and keep it to the end, so a reload never half-applies.
 *
 * @param version increases with every applied manifest
 * @param manifest the manifest it was built from
 * @param source where the manifest was read from
 * @param pages pages by path
 * @param fragments fragments by name
 * @param registered the names of the fragments that teams registered (the others are the operator's manifest's)
 * @param breakerControls the admin's holds on breakers, by fragment name
 * @param appliedAt when this plan started serving
 */
public record CompositionPlan(long version, Manifest manifest, String source, Map<String, PagePlan> pages,
                              Map<String, FragmentPlan> fragments, Set<String> registered,
                              Map<String, BreakerControl> breakerControls,
                              Instant appliedAt) {

    public CompositionPlan {
        pages = Collections.unmodifiableMap(new LinkedHashMap<>(pages));
        fragments = Collections.unmodifiableMap(new LinkedHashMap<>(fragments));
        registered = Set.copyOf(registered);
        breakerControls = Map.copyOf(breakerControls);
    }

    /** Whether {@code fragment} came from the registry rather than the operator's manifest. */
    public boolean isRegistered(String fragment) {
        return registered.contains(fragment);
    }

    public Optional<PagePlan> page(String path) {
        return Optional.ofNullable(pages.get(path));
    }
}
