package io.mosaic.gateway.plan;

import io.mosaic.manifest.Manifest;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.cloud.gateway.route.Route;

/**
 * Everything a request needs, built once per manifest version and swapped whole: requests take
 * the current plan when they start and keep it to the end, so a reload never half-applies.
 *
 * @param version increases with every applied manifest
 * @param manifest the manifest it was built from
 * @param source where the manifest was read from
 * @param pages pages by path
 * @param fragments fragments by name
 * @param routes the proxy routes for Spring Cloud Gateway
 * @param appliedAt when this plan started serving
 */
public record CompositionPlan(long version, Manifest manifest, String source, Map<String, PagePlan> pages,
                              Map<String, FragmentPlan> fragments, List<Route> routes, Instant appliedAt) {

    public CompositionPlan {
        pages = Collections.unmodifiableMap(new LinkedHashMap<>(pages));
        fragments = Collections.unmodifiableMap(new LinkedHashMap<>(fragments));
        routes = List.copyOf(routes);
    }

    public Optional<PagePlan> page(String path) {
        return Optional.ofNullable(pages.get(path));
    }
}
