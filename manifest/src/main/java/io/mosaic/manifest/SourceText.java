package io.mosaic.manifest;

import java.util.Objects;

/**
 * A named text to read: a manifest file's contents, or a fragment document as a team published
 * it. The name is what problems report as their file.
 *
 * @param name a file's name, or where the text came from, such as {@code registry:weather}
 * @param text the YAML or JSON text
 */
public record SourceText(String name, String text) {

    public SourceText {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(text, "text");
    }
}
