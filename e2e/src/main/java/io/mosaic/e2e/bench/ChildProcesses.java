package io.mosaic.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every process the benchmark starts, so that all of them (and their children, such as nginx's
 * workers) are stopped when it ends, fails or is interrupted: {@link #close()} runs from a
 * shutdown hook as well as on the normal path. Only these processes are ever signalled, by pid.
 */
final class ChildProcesses implements AutoCloseable {

    private final Deque<Process> started = new ArrayDeque<>();

    /** Starts {@code command} with stdout and stderr to {@code log}. */
    synchronized Process start(String name, List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            started.push(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /** Stops every process still running, the last started first: SIGTERM, then SIGKILL after 5 s. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            stop(started.pop());
        }
    }

    /** Stops {@code process} and any child it leaves behind. */
    static void stop(Process process) {
        List<ProcessHandle> children = new ArrayList<>();
        process.descendants().forEach(children::add);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }
}
