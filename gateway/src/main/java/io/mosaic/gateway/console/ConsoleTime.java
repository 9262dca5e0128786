package io.mosaic.gateway.console;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the console writes a time, everywhere (revisions, the audit log, recent outcomes, the last
 * failure, the live status line's script): {@code 2026-12-07 20:31:05 UTC}. One zone, because an
 * operator on call and the teams it pages compare these times with each other's logs; one format,
 * so that no view has to be learnt apart. A {@code <time datetime>} beside it keeps the exact
 * instant for machines.
 */
public final class ConsoleTime {

    /** The one format: ISO date and 24-hour time to the second, then {@code UTC}. */
    public static final String PATTERN = "yyyy-MM-dd HH:mm:ss 'UTC'";

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(PATTERN, Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The instance the views use as {@code ${utc.format(instant)}}. */
    static final ConsoleTime UTC = new ConsoleTime();

    private ConsoleTime() {
    }

    /** {@code at} in the console's format; empty for null (a time not known). */
    public String format(Instant at) {
        return at == null ? "" : FORMAT.format(at);
    }

    /**
     * The date part of {@link #format}, {@code 2026-12-07}: a table cell on a phone breaks the
     * time between its date and its clock ({@code console/parts :: when}), never inside either.
     */
    public String date(Instant at) {
        return at == null ? "" : DATE.format(at);
    }

    /** The clock part of {@link #format}, {@code 20:31:05 UTC}. */
    public String clock(Instant at) {
        return at == null ? "" : CLOCK.format(at);
    }
}
