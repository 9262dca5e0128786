package io.mosaic.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs wrk ({@code -t1 -c32}, keep-alive) against one URL as a child process, its report kept
 * under the run's logs, and parses the report.
 */
final class Wrk {

    private final ChildProcesses processes;
    private final Path logs;
    private final String binary;

    Wrk(ChildProcesses processes, Path logs) {
        this.processes = processes;
        this.logs = logs;
        this.binary = binary();
    }

    /** A run started in the background; {@link #await()} waits for its end and parses its report. */
    final class Run {
        private final Process process;
        private final Path report;
        private final Duration duration;

        private Run(Process process, Path report, Duration duration) {
            this.process = process;
            this.report = report;
            this.duration = duration;
        }

        WrkResult await() {
            try {
                if (!process.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS)) {
                    ChildProcesses.stop(process);
                    throw new IllegalStateException("wrk did not end within " + (duration.toSeconds() + 30) + " s; see " + report);
                }
                String output = Files.readString(report);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("wrk exited with status " + process.exitValue() + ":\n" + output);
                }
                return WrkResult.parse(output);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read wrk's report " + report, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Starts {@code wrk -t1 -c32 -dNs --latency url}; {@code label} names its report file. */
    Run start(String label, URI url, Duration duration) {
        Path report = logs.resolve("wrk-" + label + ".txt");
        List<String> command = List.of(binary, "-t" + Options.WRK_THREADS, "-c" + Options.WRK_CONNECTIONS,
                "-d" + duration.toSeconds() + "s", "--latency", url.toString());
        return new Run(processes.start("wrk", command, report), report, duration);
    }

    WrkResult run(String label, URI url, Duration duration) {
        return start(label, url, duration).await();
    }

    static String binary() {
        return Executable.find("wrk", "wrk");
    }

    /** The first line of {@code wrk -v}, such as {@code wrk debian/4.1.0-3+b2 [epoll]}. */
    static String version() {
        String out = Command.output(List.of(binary(), "-v"));
        String first = out.lines().findFirst().orElse("");
        return first.replaceAll("\\s*Copyright.*$", "").trim();
    }
}
