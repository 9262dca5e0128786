package io.mosaic.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs wrk ({@code -t1 -c32}, keep-alive) against one URL as a child process, its report kept
 * under the run's logs, and parses the report. A run on a page with a distinct query
 * ({@code fast-distinct}) gets a script ({@code e2e/bench/distinct-query.lua}, filled in for the
 * run and written under {@code e2e/target/bench/wrk/}) that gives each request a query no request
 * before it had.
 */
final class Wrk {

    private final ChildProcesses processes;
    private final Workspace workspace;
    private final String binary;

    Wrk(ChildProcesses processes, Workspace workspace) {
        this.processes = processes;
        this.workspace = workspace;
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
        return start(label, url, duration, null);
    }

    /**
     * Starts {@code wrk -t1 -c32 -dNs --latency url}, and with a {@code distinctParameter} also
     * {@code -s SCRIPT}: every request then asks for {@code url}'s path with
     * {@code ?PARAMETER=LABEL-tT-N}, a value no other request of any run has. {@code label} names
     * the report file and the script, and must differ between runs.
     */
    Run start(String label, URI url, Duration duration, String distinctParameter) {
        Path report = workspace.logs().resolve("wrk-" + label + ".txt");
        Path script = distinctParameter == null ? null : writeScript(label, distinctParameter);
        List<String> command = command(binary, url, duration, script);
        return new Run(processes.start("wrk", command, report), report, duration);
    }

    WrkResult run(String label, URI url, Duration duration) {
        return run(label, url, duration, null);
    }

    WrkResult run(String label, URI url, Duration duration, String distinctParameter) {
        return start(label, url, duration, distinctParameter).await();
    }

    /** wrk's command line, with {@code -s script} when there is one. */
    static List<String> command(String binary, URI url, Duration duration, Path script) {
        List<String> command = new ArrayList<>(List.of(binary, "-t" + Options.WRK_THREADS, "-c" + Options.WRK_CONNECTIONS,
                "-d" + duration.toSeconds() + "s", "--latency"));
        if (script != null) {
            command.add("-s");
            command.add(script.toString());
        }
        command.add(url.toString());
        return List.copyOf(command);
    }

    /** The script of run {@code label}: {@code distinct-query.lua} filled in, written as {@code wrk/LABEL.lua}. */
    private Path writeScript(String label, String parameter) {
        Path script = workspace.dir().resolve("wrk").resolve(label + ".lua");
        try {
            Files.createDirectories(script.getParent());
            Files.writeString(script, distinctQueryScript(workspace.template("distinct-query.lua"), parameter, label));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the wrk script " + script, e);
        }
        return script;
    }

    /**
     * {@code template} ({@code e2e/bench/distinct-query.lua}) for run {@code run}: its requests set
     * {@code parameter} to {@code RUN-tT-N}. Both go into a URL and a Lua string literal as they are,
     * so they are limited to letters, digits, {@code -} and {@code _}.
     */
    static String distinctQueryScript(Path template, String parameter, String run) {
        for (String value : List.of(parameter, run)) {
            if (!value.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("'" + value + "' must be letters, digits, - and _ only");
            }
        }
        return Template.fill(template, Map.of("PARAMETER", parameter, "RUN", run));
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
