package io.mosaic.gateway.config;

import io.mosaic.gateway.source.EffectiveManifest;
import io.mosaic.manifest.Problem;
import io.mosaic.manifest.ReadResult;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The manifest the gateway starts with. An invalid file stops the start with every problem
 * listed. Registered fragments that no longer fit the file (a mount into a page the operator
 * removed while the gateway was down) do not: the gateway starts on the file alone, reports the
 * manifest out of date with the problems, and applies the registry once it fits again.
 */
final class StartingManifest {

    private static final Logger log = LoggerFactory.getLogger(StartingManifest.class);

    private StartingManifest() {
    }

    static EffectiveManifest.Snapshot read(EffectiveManifest manifests) {
        manifests.file().requirePath();
        EffectiveManifest.Snapshot snapshot = manifests.read();
        if (snapshot.result().valid()) {
            return snapshot;
        }
        ReadResult fileAlone = manifests.readWith(List.of());
        if (!fileAlone.valid()) {
            fileAlone.orThrow();
        }
        log.warn("the registered fragments do not fit the manifest; starting on the manifest file alone:\n  {}",
                String.join("\n  ", snapshot.result().problems().stream().map(Problem::toString).toList()));
        // An empty revision makes the watcher read the sources again at once and report the problems.
        // The admin's holds on breakers still apply to the file's fragments.
        return new EffectiveManifest.Snapshot("", fileAlone, Set.of(), snapshot.breakerControls());
    }
}
