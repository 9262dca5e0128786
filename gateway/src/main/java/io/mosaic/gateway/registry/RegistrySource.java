package io.mosaic.gateway.registry;

import io.mosaic.gateway.source.Contribution;
import io.mosaic.gateway.source.DefinitionSource;
import io.mosaic.manifest.SourceText;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The registry as a definition source: every enabled registered fragment, one fragment document
 * each. Its revision is the registry's revision counter, one cheap query; every gateway instance
 * sharing the database polls it and so picks up a change another instance made.
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
            List<StoredFragment> fragments = store.all().stream().filter(StoredFragment::enabled).toList();
            Set<String> names = new LinkedHashSet<>();
            fragments.forEach(f -> names.add(f.name()));
            return new Contribution(revision, null, documents(fragments), names);
        });
    }

    static List<SourceText> documents(List<StoredFragment> fragments) {
        return fragments.stream().map(f -> new SourceText(documentName(f.name()), f.document())).toList();
    }
}
