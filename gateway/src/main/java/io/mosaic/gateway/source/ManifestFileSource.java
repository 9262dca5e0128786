package io.mosaic.gateway.source;

import io.mosaic.manifest.ManifestException;
import io.mosaic.manifest.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The operator's manifest: the file or directory named by {@code --manifest}. Its revision is
 * the names and content digests of its files, not file-system events, which miss the atomic
 * renames editors and config-map updates make, and not modification times, which a file system
 * with coarse timestamps leaves unchanged when a typo is fixed by a same-length edit within the
 * same tick. Manifest files are small; digesting them once per poll costs microseconds.
 */
public final class ManifestFileSource implements DefinitionSource {

    private final Path path;

    public ManifestFileSource(Path path) {
        this.path = path;
    }

    /** Refuses to start without a manifest, naming the option to set. */
    public void requirePath() {
        if (path == null || path.toString().isBlank()) {
            throw new ManifestException(List.of(new Problem("(none)", 0, 0, "",
                    "no manifest given: start the gateway with --manifest=PATH (a YAML or JSON file, or a directory of them)")));
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public String describe() {
        return path == null ? "(none)" : path.toString();
    }

    @Override
    public String revision() {
        return fingerprint(path).toString();
    }

    @Override
    public Contribution read() {
        return new Contribution(revision(), path, List.of(), Set.of(), Map.of());
    }

    /** Names and content digests of the manifest file or of every file in the directory. */
    static Map<String, String> fingerprint(Path path) {
        Map<String, String> files = new TreeMap<>();
        if (path == null) {
            return files;
        }
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> listing = Files.list(path)) {
                    for (Path file : listing.toList()) {
                        files.put(file.getFileName().toString(), stamp(file));
                    }
                }
            } else {
                files.put(path.toString(), stamp(path));
            }
        } catch (IOException e) {
            files.put(path.toString(), "unreadable: " + e.getMessage());
        }
        return files;
    }

    private static String stamp(Path file) {
        if (Files.isDirectory(file)) {
            return "directory";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
            return HexFormat.of().formatHex(digest);
        } catch (IOException e) {
            return "gone";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
