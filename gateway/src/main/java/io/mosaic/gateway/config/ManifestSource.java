package io.mosaic.gateway.config;

import io.mosaic.manifest.LayoutCatalog;
import io.mosaic.manifest.Manifest;
import io.mosaic.manifest.ManifestException;
import io.mosaic.manifest.ManifestReader;
import io.mosaic.manifest.Problem;
import io.mosaic.manifest.ReadResult;
import java.nio.file.Path;
import java.util.List;

/** Where the manifest comes from: the file or directory named by {@code --manifest}. */
public final class ManifestSource {

    private final Path path;
    private final ManifestReader reader;

    public ManifestSource(Path path, LayoutCatalog layouts) {
        this.path = path;
        this.reader = new ManifestReader(layouts);
    }

    /** Reads the manifest for the gateway's start; any problem stops the start, with every problem listed. */
    public Manifest readAtStart() {
        if (path == null || path.toString().isBlank()) {
            throw new ManifestException(List.of(new Problem("(none)", 0, 0, "",
                    "no manifest given: start the gateway with --manifest=PATH (a YAML or JSON file, or a directory of them)")));
        }
        return read().orThrow();
    }

    /** Reads the manifest as it is now. */
    public ReadResult read() {
        return reader.read(path);
    }

    public Path path() {
        return path;
    }

    public String describe() {
        return path == null ? "(none)" : path.toString();
    }
}
