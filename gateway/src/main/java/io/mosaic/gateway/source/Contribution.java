package io.mosaic.gateway.source;

import io.mosaic.gateway.plan.BreakerControl;
import io.mosaic.manifest.SourceText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one {@link DefinitionSource} holds at one revision.
 *
 * @param revision the source's revision when it was read
 * @param manifest the operator's manifest file or directory; null for a source of fragment documents
 * @param fragmentDocuments registered fragments, one document each, in the order they were first registered
 * @param registered the names of the fragments in {@code fragmentDocuments}
 * @param breakerControls the admin's holds on fragments' breakers, by fragment name (any source's fragments)
 */
public record Contribution(String revision, Path manifest, List<SourceText> fragmentDocuments, Set<String> registered,
                           Map<String, BreakerControl> breakerControls) {

    public Contribution {
        fragmentDocuments = List.copyOf(fragmentDocuments);
        registered = Set.copyOf(registered);
        breakerControls = Map.copyOf(breakerControls);
    }
}
