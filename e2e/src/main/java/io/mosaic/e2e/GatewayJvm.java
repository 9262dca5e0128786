package io.mosaic.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The gateway's JVM settings as a user gets them: {@code jvm.args} next to the jar, a java launcher
 * argument file that packaging copies from {@code gateway/src/main/dist/}. Launchers pass it to
 * {@code java} as {@code @FILE}, exactly as the command in {@code e2e/docs/operations.md} does, so that the demo, the tests
 * and the benchmark run the settings users run; its options are read here only to be shown.
 */
public final class GatewayJvm {

    /** The file's name, next to {@code gateway.jar}. */
    public static final String FILE_NAME = "jvm.args";

    private GatewayJvm() {
    }

    /** The argument file next to {@code jar}; fails, saying how to build it, when it is not there. */
    public static Path nextTo(Path jar) {
        Path file = jar.resolveSibling(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build it with mvn package (from the repository root);"
                    + " packaging copies it there from gateway/src/main/dist/" + FILE_NAME);
        }
        return file;
    }

    /** The {@code java} argument that reads {@code file}: {@code @/path/jvm.args}. */
    public static String argument(Path file) {
        return "@" + file.toAbsolutePath();
    }

    /** The options {@code file} gives, for display. */
    public static List<String> options(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * The options of an argument file's text: whitespace-separated, {@code #} to the end of the
     * line a comment. (The java launcher also reads quotes; this file needs none.)
     */
    static List<String> parse(String text) {
        return text.lines()
                .map(line -> line.indexOf('#') < 0 ? line : line.substring(0, line.indexOf('#')))
                .flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                .filter(option -> !option.isEmpty())
                .toList();
    }
}
