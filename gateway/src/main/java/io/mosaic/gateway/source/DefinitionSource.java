package io.mosaic.gateway.source;

/**
 * One place that definitions of fragments and pages come from, the way Spring Cloud Gateway's
 * {@code RouteDefinitionLocator} is one place routes come from: the operator's manifest file or
 * directory, or the registry of fragments teams registered. The watcher and the plan compiler
 * only see the {@link EffectiveManifest} over all of them.
 */
public interface DefinitionSource {

    /** Where the definitions come from, for logs and health. */
    String describe();

    /**
     * A cheap token that changes whenever what {@link #read()} would give changes: file names,
     * content digests; the registry's revision counter.
     *
     * @throws RuntimeException when the source cannot be reached (the last good plan keeps serving)
     */
    String revision();

    /** What the source holds now, with the revision it was read at. */
    Contribution read();
}
