package io.mosaic.gateway.registry;

import io.mosaic.gateway.plan.BreakerControl;
import io.mosaic.gateway.source.Contribution;
import io.mosaic.gateway.source.DefinitionSource;
import io.mosaic.manifest.SourceText;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The registry as a definition source: every registered fragment that is enabled and that no
 * admin took off the pages, one fragment document each, and the admin's holds on breakers. Its
 * revision is the registry's revision counter, one cheap query; every gateway instance sharing
 * the database polls it and so picks up a change another instance made.
 */
public final class RegistrySource implements DefinitionSource {

    private final RegistryStore store;
    private final String description;

    public RegistrySource(RegistryStore store, String description) {
        this.store = store;
        this.description = description;
    }

    /** How a registered fragment's document is named in problems and in the effective manifest. */
    public static String documentName(String fragment) {
        return "registry:" + fragment;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String revision() {
        return "registry@" + store.revision();
    }

    @Override
    public Contribution read() {
        return store.inTransaction(() -> {
            String revision = revision();
            Map<String, IncidentControl> controls = store.controls();
            List<StoredFragment> fragments = live(store.all(), controls);
            Set<String> names = new LinkedHashSet<>();
            fragments.forEach(f -> names.add(f.name()));
            Map<String, BreakerControl> breakers = new HashMap<>();
            controls.values().stream().filter(c -> c.breaker() != null).forEach(c -> breakers.put(c.fragment(), c.breaker()));
            return new Contribution(revision, null, documents(fragments), names, breakers);
        });
    }

    /** The fragments that are on the pages: enabled, and not taken off by an admin. */
    static List<StoredFragment> live(List<StoredFragment> fragments, Map<String, IncidentControl> controls) {
        return fragments.stream().filter(f -> f.enabled() && !(controls.containsKey(f.name()) && controls.get(f.name()).disabled()))
                .toList();
    }

    static List<SourceText> documents(List<StoredFragment> fragments) {
        return fragments.stream().map(f -> new SourceText(documentName(f.name()), f.document())).toList();
    }
}
