package io.mosaic.manifest;

import java.util.List;
import java.util.Optional;

/**
 * What reading a manifest gave: the manifest when it is valid, otherwise every problem found.
 *
 * @param manifest the valid manifest; empty when there are problems
 * @param problems every problem, in file and line order; empty when valid
 * @param files the files read, in merge order
 */
public record ReadResult(Optional<Manifest> manifest, List<Problem> problems, List<String> files) {

    public ReadResult {
        problems = List.copyOf(problems);
        files = List.copyOf(files);
    }

    /** Whether the manifest passed every rule. */
    public boolean valid() {
        return problems.isEmpty();
    }

    /** The manifest, or a {@link ManifestException} listing every problem. */
    public Manifest orThrow() {
        return manifest.orElseThrow(() -> new ManifestException(problems));
    }
}
