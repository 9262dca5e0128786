package io.mosaic.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the benchmark reads its templates ({@code e2e/bench/}) and writes everything it
 * generates: configs, fragment files, manifest and logs, under {@code e2e/target/bench/},
 * emptied at every run.
 *
 * @param root the repository's root
 * @param dir the run's directory, {@code e2e/target/bench}
 */
record Workspace(Path root, Path dir) {

    static Workspace create(Path root) {
        Path dir = root.resolve("e2e/target/bench");
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> all = Files.walk(dir)) {
                    for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(dir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir, e);
        }
        return new Workspace(root, dir);
    }

    /** A template of {@code e2e/bench/}. */
    Path template(String name) {
        Path template = root.resolve("e2e/bench").resolve(name);
        if (!Files.isRegularFile(template)) {
            throw new IllegalStateException("template " + template + " is missing");
        }
        return template;
    }

    Path logs() {
        return dir.resolve("logs");
    }
}
