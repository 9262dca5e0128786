package io.mosaic.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The last lines of a process's log, indented, for the messages that say why something failed. */
final class LogTail {

    private LogTail() {
    }

    /** The last {@code count} lines of {@code log}, each indented and ended; a note when it was not written. */
    static String of(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log);
            StringBuilder text = new StringBuilder();
            lines.subList(Math.max(0, lines.size() - count), lines.size()).forEach(line -> text.append("  ").append(line).append('\n'));
            return text.toString();
        } catch (IOException e) {
            return "  (" + log + " not written)\n";
        }
    }
}
