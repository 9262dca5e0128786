package io.mosaic.manifest;

/**
 * A named text: a manifest file's or a fragment document's.
 *
 * @param name how problems name it: a file's name, or for example {@code registry:weather}
 * @param text the YAML or JSON text
 */
public record SourceText(String name, String text) {
}
