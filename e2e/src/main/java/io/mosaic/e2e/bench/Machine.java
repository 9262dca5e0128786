package io.mosaic.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The facts printed above the results, so that figures are never read without the machine and
 * versions they were measured on.
 */
record Machine(String date, int cpus, String cpuModel, String memory, String loadAverage, String kernel, String java, String nginx,
              String varnish, String wrk) {

    static Machine describe() {
        return new Machine(
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC).format(Instant.now()),
                Runtime.getRuntime().availableProcessors(),
                procLine("/proc/cpuinfo", "model name"),
                totalMemory(),
                readLoadAverage(),
                Command.output(List.of("uname", "-srm")),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.home") + ")",
                Nginx.version(),
                Varnish.version(),
                Wrk.version());
    }

    /** The 1, 5 and 15 minute load averages: other work on the machine skews every figure. */
    private static String readLoadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    private static String totalMemory() {
        String total = procLine("/proc/meminfo", "MemTotal");
        try {
            long kib = Long.parseLong(total.replace("kB", "").trim());
            return String.format("%.1f GiB", kib / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return total;
        }
    }

    /** The value of the first {@code key: value} line of a /proc file; "unknown" when absent. */
    private static String procLine(String file, String key) {
        try {
            for (String line : Files.readAllLines(Path.of(file))) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux, or not readable
        }
        return "unknown";
    }
}
