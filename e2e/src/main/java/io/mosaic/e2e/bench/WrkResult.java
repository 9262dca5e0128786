package io.mosaic.e2e.bench;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one wrk run reports: completed requests, throughput, latency percentiles (with
 * {@code --latency}) and errors: socket errors (connect, read, write, timeout) and answers of
 * status 400 or more (wrk's "Non-2xx or 3xx responses").
 */
record WrkResult(long requests, double seconds, double requestsPerSecond, double p50Millis, double p90Millis, double p99Millis,
                 long socketErrors, long statusErrors) {

    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m|h),");
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([\\d.]+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern STATUS_ERRORS = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");

    long errors() {
        return socketErrors + statusErrors;
    }

    /** Parses wrk 4's report; percentiles are NaN when it ran without {@code --latency}. */
    static WrkResult parse(String output) {
        Matcher requests = find(REQUESTS, output, "the 'N requests in T' line");
        Matcher rate = find(RATE, output, "the 'Requests/sec:' line");
        long socketErrors = 0;
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                socketErrors += Long.parseLong(socket.group(group));
            }
        }
        Matcher status = STATUS_ERRORS.matcher(output);
        long statusErrors = status.find() ? Long.parseLong(status.group(1)) : 0;
        return new WrkResult(Long.parseLong(requests.group(1)), seconds(requests.group(2), requests.group(3)),
                Double.parseDouble(rate.group(1)), percentile(output, 50), percentile(output, 90), percentile(output, 99),
                socketErrors, statusErrors);
    }

    /** The {@code percent}% line of the "Latency Distribution" block, in milliseconds; NaN if absent. */
    private static double percentile(String output, int percent) {
        Matcher m = Pattern.compile("(?m)^\\s+" + percent + "%\\s+([\\d.]+)(us|ms|s|m|h)\\s*$").matcher(output);
        return m.find() ? seconds(m.group(1), m.group(2)) * 1000 : Double.NaN;
    }

    private static double seconds(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v / 1e6;
            case "ms" -> v / 1e3;
            case "s" -> v;
            case "m" -> v * 60;
            case "h" -> v * 3600;
            default -> throw new IllegalArgumentException("unknown time unit " + unit);
        };
    }

    private static Matcher find(Pattern pattern, String output, String what) {
        Matcher m = pattern.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("wrk's output has no " + what + ":\n" + output);
        }
        return m;
    }
}
