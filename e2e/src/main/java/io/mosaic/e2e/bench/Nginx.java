package io.mosaic.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One nginx instance of the benchmark's own: its own prefix directory, config, pid file and error
 * log, run in the foreground ({@code daemon off}) as a child process, so that it is stopped by
 * pid with everything else. Its master's pid is the child's; its workers are the master's children.
 */
final class Nginx {

    /** Error-log lines at level error or worse: failed upstream fetches among them. */
    private static final Pattern ERROR_LINE = Pattern.compile("\\[(error|crit|alert|emerg)]");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final String name;
    private final Path prefix;
    private final Process master;

    private Nginx(String name, Path prefix, Process master) {
        this.name = name;
        this.prefix = prefix;
        this.master = master;
    }

    /**
     * Writes {@code config} as {@code prefix/nginx.conf}, starts nginx on it and waits until every
     * one of {@code ports} accepts connections. The config must say {@code daemon off}, and put its
     * pid file and logs under {@code prefix}.
     */
    static Nginx start(ChildProcesses processes, String name, Path prefix, String config, List<Integer> ports) {
        Path conf = prefix.resolve("nginx.conf");
        try {
            Files.createDirectories(prefix.resolve("logs"));
            Files.createDirectories(prefix.resolve("tmp"));
            Files.writeString(conf, config);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + conf, e);
        }
        // -e: the error log nginx uses until it has read the config (else /var/log/nginx/error.log).
        List<String> command = List.of(binary(), "-p", prefix + "/", "-c", conf.toString(), "-e", errorLog(prefix).toString());
        Process master = processes.start(name, command, prefix.resolve("logs/stdout.log"));
        Nginx nginx = new Nginx(name, prefix, master);
        Ports.awaitAccepting(name + " (" + String.join(" ", command) + ")", master, ports, START_TIMEOUT, nginx::diagnosis);
        return nginx;
    }

    /** The master and its workers. */
    List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        pids.add(master.pid());
        pids.addAll(ProcStat.childrenOf(master.pid()));
        return pids;
    }

    /** How many error-level lines the error log holds so far. */
    long errorLines() {
        try (Stream<String> lines = Files.lines(errorLog(prefix))) {
            return lines.filter(line -> ERROR_LINE.matcher(line).find()).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The error log's last lines and whether the master still runs, for failure messages. */
    String diagnosis() {
        StringBuilder text = new StringBuilder(name).append(master.isAlive() ? " is running" : " has exited")
                .append("; ").append(errorLog(prefix)).append(":\n");
        return text.append(LogTail.of(errorLog(prefix), 15)).append(LogTail.of(prefix.resolve("logs/stdout.log"), 15)).toString();
    }

    private static Path errorLog(Path prefix) {
        return prefix.resolve("logs/error.log");
    }

    static String binary() {
        return Executable.find("nginx", "nginx");
    }

    /** What {@code nginx -v} says, such as {@code nginx/1.22.1}. */
    static String version() {
        return Command.output(List.of(binary(), "-v")).replace("nginx version: ", "").trim();
    }
}
