package io.mosaic.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the demo command ({@code mvn -q -Pdemo package}) prints while Maven builds, which under
 * {@code -q} it does in silence for about 40 s: a line as each module's build begins, with the
 * seconds since the command started, and a line every {@link #QUIET_FOR} while one module takes
 * long. The demo launcher then prints its own steps in the same form ({@link #line}).
 *
 * <p>The root pom's {@code demo} profile starts this in the background, at the first module's
 * first phase, as a single-file source program ({@code java .../BuildProgress.java MARKS ROOT
 * LAST}): nothing of the project is compiled yet, so it may use nothing but this file. Each
 * module's first phase appends {@code ARTIFACT-ID<tab>NAME} to the file {@code MARKS} (an antrun
 * {@code echo}); this prints each line as it appears, leaves out the root project's, and ends
 * after {@code LAST}'s, when the launcher takes over, or as soon as Maven ends, whatever the cause.
 * Maven prints its own progress when it is not quiet, so then this prints nothing.
 */
public final class BuildProgress {

    /** How long a module may build before a line says it is still building. */
    static final Duration QUIET_FOR = Duration.ofSeconds(10);

    private static final long POLL_MILLIS = 200;

    /** Should Maven's end go unnoticed (no parent process to watch), this still ends. */
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(15);

    private BuildProgress() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: java BuildProgress.java MARKS ROOT-ARTIFACT-ID LAST-ARTIFACT-ID");
            System.exit(2);
        }
        Path marks = Path.of(args[0]);
        String root = args[1];
        String last = args[2];
        Optional<ProcessHandle> maven = ProcessHandle.current().parent();
        if (maven.isPresent() && !quiet(maven.get().info().arguments().map(List::of).orElse(List.of()))) {
            return;
        }
        Instant started = maven.flatMap(m -> m.info().startInstant()).orElse(Instant.now());
        System.out.println(line(started, Instant.now(), "building with Maven: the manifest library, the gateway, the sample"
                + " fragments, then the launcher (about 40 s on 2 cores; a first run also downloads dependencies)"));
        int printed = 0;
        String building = null;
        Instant lastLine = Instant.now();
        Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
        while (mavenRuns(maven) && Instant.now().isBefore(giveUp)) {
            List<String> lines = read(marks);
            for (String mark : lines.subList(Math.min(printed, lines.size()), lines.size())) {
                printed++;
                String[] parts = mark.split("\t", 2);
                if (parts[0].isBlank() || parts[0].equals(root)) {
                    continue;
                }
                building = parts.length > 1 && !parts[1].isBlank() ? parts[1].strip() : parts[0];
                lastLine = Instant.now();
                System.out.println(line(started, lastLine, "building " + building));
                if (parts[0].equals(last)) {
                    return;
                }
            }
            if (building != null && Duration.between(lastLine, Instant.now()).compareTo(QUIET_FOR) >= 0) {
                lastLine = Instant.now();
                System.out.println(line(started, lastLine, "still building " + building));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * One progress line: {@code "  [ 12 s] building Mosaic gateway"}, the seconds counted from
     * {@code started} (the command's start) to {@code now}.
     */
    public static String line(Instant started, Instant now, String what) {
        long seconds = Math.max(0, Duration.between(started, now).toSeconds());
        return String.format(Locale.ROOT, "  [%3d s] %s", seconds, what);
    }

    /** Whether Maven was told to be quiet ({@code -q}, {@code --quiet}); when the arguments are unknown, assume so. */
    static boolean quiet(List<String> mavenArguments) {
        return mavenArguments.isEmpty() || mavenArguments.contains("-q") || mavenArguments.contains("--quiet");
    }

    /** Whether the Maven process that started this one still runs: when it ends, this process gets another parent. */
    private static boolean mavenRuns(Optional<ProcessHandle> maven) {
        if (maven.isEmpty()) {
            return true;
        }
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        return maven.get().isAlive() && parent.isPresent() && parent.get().pid() == maven.get().pid();
    }

    /** The file's whole lines: a line still being written (no line end yet) waits for the next look. */
    static List<String> read(Path marks) throws IOException {
        String text;
        try {
            text = Files.readString(marks, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : text.substring(0, end).lines().toList();
    }
}
