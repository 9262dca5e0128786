package io.mosaic.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} says about a process: CPU time spent (utime + stime, fields 14 and
 * 15 of {@code /proc/PID/stat}, in clock ticks), its parent (field 4), and its resident memory
 * ({@code VmRSS} of {@code /proc/PID/status}).
 */
final class ProcStat {

    /** The fields of one {@code /proc/PID/stat} line that the benchmark uses. */
    record Stat(long pid, long parentPid, long userTicks, long systemTicks) {
        long cpuTicks() {
            return userTicks + systemTicks;
        }
    }

    private ProcStat() {
    }

    /**
     * Parses a {@code /proc/PID/stat} line. The command name (field 2) is in parentheses and may
     * itself hold spaces and parentheses, so fields are counted from the last {@code ')'}.
     */
    static Stat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
        }
        long pid = Long.parseLong(line.substring(0, open).trim());
        String[] rest = line.substring(close + 1).trim().split("\\s+");
        // rest[0] is field 3 (state): field N is rest[N - 3].
        if (rest.length < 13) {
            throw new IllegalArgumentException("too few fields in /proc/PID/stat line: " + line);
        }
        return new Stat(pid, Long.parseLong(rest[4 - 3]), Long.parseLong(rest[14 - 3]), Long.parseLong(rest[15 - 3]));
    }

    /** The process's stat, or null when it is gone. */
    static Stat of(long pid) {
        try {
            return parse(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException e) {
            return null;
        }
    }

    /** CPU ticks spent so far by all of {@code pids} together (a process that is gone counts 0). */
    static long cpuTicks(List<Long> pids) {
        long ticks = 0;
        for (long pid : pids) {
            Stat stat = of(pid);
            ticks += stat == null ? 0 : stat.cpuTicks();
        }
        return ticks;
    }

    /** The pids whose parent is {@code parent}, found by reading every {@code /proc/*}{@code /stat}. */
    static List<Long> childrenOf(long parent) {
        List<Long> children = new ArrayList<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(p -> of(Long.parseLong(p.getFileName().toString())))
                    .filter(stat -> stat != null && stat.parentPid() == parent)
                    .forEach(stat -> children.add(stat.pid()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: the benchmark needs Linux's /proc", e);
        }
        return children;
    }

    /** Resident memory in KiB ({@code VmRSS}); fails when the process is gone. */
    static long rssKiB(long pid) {
        try {
            return parseRssKiB(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException e) {
            throw new IllegalStateException("process " + pid + " is gone: cannot read its memory", e);
        }
    }

    static long parseRssKiB(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalArgumentException("no VmRSS line in /proc/PID/status");
    }

    /** Clock ticks per second ({@code getconf CLK_TCK}); 100 on every usual Linux. */
    static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            if (getconf.waitFor() == 0 && out.matches("\\d+")) {
                return Long.parseLong(out);
            }
        } catch (IOException e) {
            // fall through to the usual value
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
