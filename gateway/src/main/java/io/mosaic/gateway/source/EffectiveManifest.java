package io.mosaic.gateway.source;

import io.mosaic.gateway.plan.BreakerControl;
import io.mosaic.manifest.LayoutCatalog;
import io.mosaic.manifest.ManifestReader;
import io.mosaic.manifest.ReadResult;
import io.mosaic.manifest.SourceText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The composite of every {@link DefinitionSource}: the operator's manifest file plus the
 * fragments teams registered, read and validated together as one manifest. A registered
 * fragment passes every rule a file fragment does, through the same validator.
 */
public final class EffectiveManifest {

    /**
     * The effective manifest at one revision.
     *
     * @param revision the revisions of every source, joined
     * @param result the manifest, or every problem with it
     * @param registered the names of the fragments that came from the registry
     * @param breakerControls the admin's holds on fragments' breakers, by fragment name
     */
    public record Snapshot(String revision, ReadResult result, Set<String> registered, Map<String, BreakerControl> breakerControls) {
    }

    private final ManifestFileSource file;
    private final List<DefinitionSource> others;
    private final ManifestReader reader;

    public EffectiveManifest(ManifestFileSource file, List<DefinitionSource> others, LayoutCatalog layouts) {
        this.file = file;
        this.others = List.copyOf(others);
        this.reader = new ManifestReader(layouts);
    }

    public String describe() {
        List<String> all = new ArrayList<>();
        all.add(file.describe());
        others.forEach(source -> all.add(source.describe()));
        return String.join(" + ", all);
    }

    /** The joined revisions; throws when a source cannot be reached. */
    public String revision() {
        StringBuilder revision = new StringBuilder(file.revision());
        for (DefinitionSource source : others) {
            revision.append(" | ").append(source.revision());
        }
        return revision.toString();
    }

    /** Every source read now and validated as one manifest. */
    public Snapshot read() {
        String fileRevision = file.revision();
        List<SourceText> documents = new ArrayList<>();
        Set<String> registered = new HashSet<>();
        Map<String, BreakerControl> controls = new HashMap<>();
        List<String> revisions = new ArrayList<>();
        revisions.add(fileRevision);
        for (DefinitionSource source : others) {
            Contribution contribution = source.read();
            revisions.add(contribution.revision());
            documents.addAll(contribution.fragmentDocuments());
            registered.addAll(contribution.registered());
            controls.putAll(contribution.breakerControls());
        }
        return new Snapshot(String.join(" | ", revisions), reader.read(file.path(), documents), registered, controls);
    }

    /**
     * The operator's manifest with exactly these registered fragment documents: what a registry
     * change would make, checked before it is stored.
     */
    public ReadResult readWith(List<SourceText> fragmentDocuments) {
        return reader.read(file.path(), fragmentDocuments);
    }

    public Path manifestPath() {
        return file.path();
    }

    public ManifestFileSource file() {
        return file;
    }
}
