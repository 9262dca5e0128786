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
 * before it had; a page with users ({@code fast-distinct-user}) also a cookie per connection, run
 * as {@code -t32 -c32} (see {@link Variation}).
 */
final class Wrk {

    /**
     * What the requests of a run vary.
     *
     * @param parameter the query parameter set to a new value on every request
     * @param cookie the cookie set to one value per connection, or null. wrk's Lua cannot tell the
     *     connections of a thread apart, so such a run has one thread per connection: the user is
     *     the thread. The threads add a few context switches per request to wrk's own cost, nothing
     *     the composers see.
     */
    record Variation(String parameter, String cookie) {

        Variation {
            if (parameter == null) {
                throw new IllegalArgumentException("a run that varies its requests needs a query parameter");
            }
        }

        /** What the load requests of {@code page} vary, or null when they are all the same request. */
        static Variation of(PageSpec page) {
            return page.distinctQuery() == null ? null : new Variation(page.distinctQuery(), page.userCookie());
        }

        /** wrk's threads: one per connection when each connection is a user. */
        int threads() {
            return cookie == null ? Options.WRK_THREADS : Options.WRK_CONNECTIONS;
        }
    }

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
     * Starts {@code wrk -t1 -c32 -dNs --latency url}, and with a {@code variation} also
     * {@code -s SCRIPT}: every request then asks for {@code url}'s path with
     * {@code ?PARAMETER=LABEL-tT-N}, a value no other request of any run has (and, with a cookie,
     * {@code -t32}: each connection sends its own user's cookie). {@code label} names the report
     * file and the script, and must differ between runs.
     */
    Run start(String label, URI url, Duration duration, Variation variation) {
        Path report = workspace.logs().resolve("wrk-" + label + ".txt");
        Path script = variation == null ? null : writeScript(label, variation);
        List<String> command = command(binary, variation == null ? Options.WRK_THREADS : variation.threads(), url, duration, script);
        return new Run(processes.start("wrk", command, report), report, duration);
    }

    WrkResult run(String label, URI url, Duration duration) {
        return run(label, url, duration, null);
    }

    WrkResult run(String label, URI url, Duration duration, Variation variation) {
        return start(label, url, duration, variation).await();
    }

    /** wrk's command line with its usual thread, with {@code -s script} when there is one. */
    static List<String> command(String binary, URI url, Duration duration, Path script) {
        return command(binary, Options.WRK_THREADS, url, duration, script);
    }

    /** wrk's command line with {@code threads} threads, with {@code -s script} when there is one. */
    static List<String> command(String binary, int threads, URI url, Duration duration, Path script) {
        List<String> command = new ArrayList<>(List.of(binary, "-t" + threads, "-c" + Options.WRK_CONNECTIONS,
                "-d" + duration.toSeconds() + "s", "--latency"));
        if (script != null) {
            command.add("-s");
            command.add(script.toString());
        }
        command.add(url.toString());
        return List.copyOf(command);
    }

    /** The script of run {@code label}: {@code distinct-query.lua} filled in, written as {@code wrk/LABEL.lua}. */
    private Path writeScript(String label, Variation variation) {
        Path script = workspace.dir().resolve("wrk").resolve(label + ".lua");
        try {
            Files.createDirectories(script.getParent());
            Files.writeString(script, distinctQueryScript(workspace.template("distinct-query.lua"), variation, label));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the wrk script " + script, e);
        }
        return script;
    }

    /** {@link #distinctQueryScript(Path, Variation, String)} without a cookie. */
    static String distinctQueryScript(Path template, String parameter, String run) {
        return distinctQueryScript(template, new Variation(parameter, null), run);
    }

    /**
     * {@code template} ({@code e2e/bench/distinct-query.lua}) for run {@code run}: its requests set
     * the variation's parameter to {@code RUN-tT-N}, and its cookie, if any, to {@code uT}. They go
     * into a URL, a header and a Lua string literal as they are, so they are limited to letters,
     * digits, {@code -} and {@code _}.
     */
    static String distinctQueryScript(Path template, Variation variation, String run) {
        List<String> values = new ArrayList<>(List.of(variation.parameter(), run));
        if (variation.cookie() != null) {
            values.add(variation.cookie());
        }
        for (String value : values) {
            if (!value.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("'" + value + "' must be letters, digits, - and _ only");
            }
        }
        return Template.fill(template, Map.of("PARAMETER", variation.parameter(), "RUN", run,
                "COOKIE", variation.cookie() == null ? "" : variation.cookie()));
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
