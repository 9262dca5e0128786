package io.mosaic.manifest.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations ({@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h}) and sizes ({@code 512KiB}, {@code 1MiB}). */
public final class Quantities {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})(B|KiB|MiB|GiB|KB|MB|GB)?");

    private Quantities() {
    }

    /** A duration written as a whole number and a unit: {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}. */
    public static Optional<Duration> parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }

    /** A size in bytes, written as a number of bytes or with a unit: {@code KiB}, {@code MiB}, {@code KB}, {@code MB}... */
    public static Optional<Long> parseSize(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "B" : m.group(2);
        long factor = switch (unit) {
            case "KiB" -> 1024L;
            case "MiB" -> 1024L * 1024;
            case "GiB" -> 1024L * 1024 * 1024;
            case "KB" -> 1000L;
            case "MB" -> 1000L * 1000;
            case "GB" -> 1000L * 1000 * 1000;
            default -> 1L;
        };
        return Optional.of(Math.multiplyExact(amount, factor));
    }

    /** The shortest exact form of a duration in this notation, for messages and for writing manifests back. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms == 0) {
            return "0s"; // a zero has no best unit; "0s" reads as "off" where a bound or a default is zero
        }
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms > 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** The shortest exact form of a size in this notation. */
    public static String formatSize(long bytes) {
        if (bytes > 0 && bytes % (1024L * 1024 * 1024) == 0) {
            return bytes / (1024L * 1024 * 1024) + "GiB";
        }
        if (bytes > 0 && bytes % (1024L * 1024) == 0) {
            return bytes / (1024L * 1024) + "MiB";
        }
        if (bytes > 0 && bytes % 1024 == 0) {
            return bytes / 1024 + "KiB";
        }
        return Long.toString(bytes);
    }
}
