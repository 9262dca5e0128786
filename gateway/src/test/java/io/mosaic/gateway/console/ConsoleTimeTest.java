package io.mosaic.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ConsoleTimeTest {

    @Test
    void writesUtcToTheSecondWithTheZoneNamed() {
        assertThat(ConsoleTime.UTC.format(Instant.parse("2026-12-07T20:31:05.987654Z"))).isEqualTo("2026-12-07 20:31:05 UTC");
        assertThat(ConsoleTime.UTC.format(Instant.parse("2026-01-02T03:04:05Z"))).isEqualTo("2026-01-02 03:04:05 UTC");
    }

    @Test
    void itsDateAndClockPartsMakeTheWholeWithOneSpace() {
        Instant at = Instant.parse("2026-12-07T20:31:05.987654Z");
        assertThat(ConsoleTime.UTC.date(at)).isEqualTo("2026-12-07");
        assertThat(ConsoleTime.UTC.clock(at)).isEqualTo("20:31:05 UTC");
        assertThat(ConsoleTime.UTC.date(at) + " " + ConsoleTime.UTC.clock(at)).isEqualTo(ConsoleTime.UTC.format(at));
    }

    @Test
    void anUnknownTimeIsEmpty() {
        assertThat(ConsoleTime.UTC.format(null)).isEmpty();
    }
}
