package io.mosaic.manifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The manifest's published JSON Schema (draft 2020-12), for editors and teams' tooling. The
 * schema covers shapes and formats; {@link ManifestReader} checks those and everything that
 * spans fragments and pages.
 */
public final class ManifestSchema {

    /** Where the gateway serves the schema. */
    public static final String PATH = "/manifest.schema.json";

    private static final String TEXT = load();

    private ManifestSchema() {
    }

    /** The schema document. */
    public static String text() {
        return TEXT;
    }

    private static String load() {
        try (InputStream in = ManifestSchema.class.getResourceAsStream("manifest.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("manifest.schema.json is missing from the manifest jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
