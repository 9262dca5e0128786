package io.mosaic.manifest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole, valid manifest: the fragments that teams run and the pages composed from them.
 *
 * <p>Instances only come out of {@link ManifestReader} after every rule has passed, so holders
 * may rely on the invariants the validator checks: fragment names are unique slugs, every slot
 * names a fragment that exists, every fragment already carries its effective settings (the
 * manifest's {@link Defaults} merged with its own overrides).
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
}
