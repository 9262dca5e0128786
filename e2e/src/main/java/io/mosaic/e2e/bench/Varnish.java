package io.mosaic.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One varnishd of the benchmark's own, in the foreground ({@code -F}) as a child process, so that
 * it is stopped by pid with everything else: its own working directory ({@code -n}), its VCL, a
 * small malloc store, no management port. Started as root it runs its cache process as Debian's
 * {@code vcache} user (its default {@code unix} jail). Its manager's pid is the child's; the cache
 * process is the manager's child.
 */
final class Varnish {

    /** The compiled VCL and the first cache process can take a few seconds on a busy machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    /** Room for the cached scenario's fragments many times over. */
    private static final String STORAGE = "malloc,64m";

    private final String name;
    private final Path workDir;
    private final Path stdout;
    private final Process manager;

    private Varnish(String name, Path workDir, Path stdout, Process manager) {
        this.name = name;
        this.workDir = workDir;
        this.stdout = stdout;
        this.manager = manager;
    }

    /** Writes {@code vcl} as {@code prefix/default.vcl}, starts varnishd on it and waits until {@code port} accepts connections. */
    static Varnish start(ChildProcesses processes, String name, Path prefix, String vcl, int port) {
        Path file = prefix.resolve("default.vcl");
        try {
            Files.createDirectories(prefix);
            Files.writeString(file, vcl);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        Path workDir = prefix.resolve("workdir");
        List<String> command = List.of(binary(), "-F", "-n", workDir.toString(), "-a", "127.0.0.1:" + port, "-T", "none",
                "-f", file.toString(), "-s", STORAGE);
        Path stdout = prefix.resolve("varnishd.log");
        Varnish varnish = new Varnish(name, workDir, stdout, processes.start(name, command, stdout));
        Ports.awaitAccepting(name + " (" + String.join(" ", command) + ")", varnish.manager, List.of(port), START_TIMEOUT,
                varnish::diagnosis);
        return varnish;
    }

    /** The manager and its cache process. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(manager.pid());
        pids.addAll(ProcStat.childrenOf(manager.pid()));
        return pids;
    }

    /** The value of counter {@code field} (such as {@code MAIN.fetch_failed}), read with varnishstat. */
    long counter(String field) {
        String out = Command.output(List.of(Executable.find("varnishstat", "varnish"), "-n", workDir.toString(), "-1", "-f", field));
        return counter(out, field);
    }

    /** Reads {@code field}'s value out of {@code varnishstat -1}'s lines ({@code NAME VALUE RATE DESCRIPTION}). */
    static long counter(String varnishstatOutput, String field) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(field) + "\\s+(\\d+)\\s").matcher(varnishstatOutput);
        if (!m.find()) {
            throw new IllegalStateException("varnishstat printed no " + field + ":\n" + varnishstatOutput);
        }
        return Long.parseLong(m.group(1));
    }

    /** Whether the manager still runs, and its output's last lines (VCL errors, child restarts). */
    String diagnosis() {
        return name + (manager.isAlive() ? " is running" : " has exited") + "; " + stdout + ":\n" + LogTail.of(stdout, 30);
    }

    static String binary() {
        return Executable.find("varnishd", "varnish");
    }

    /** The version {@code varnishd -V} names, such as {@code varnish-7.1.1}. */
    static String version() {
        String out = Command.output(List.of(binary(), "-V"));
        Matcher m = Pattern.compile("\\((varnish-[^ )]+)").matcher(out);
        return m.find() ? m.group(1) : out.lines().findFirst().orElse("unknown");
    }
}
