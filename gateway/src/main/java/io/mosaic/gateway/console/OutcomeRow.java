package io.mosaic.gateway.console;

import io.mosaic.gateway.observe.RecentOutcome;
import io.mosaic.gateway.resolve.FragmentOutcome;
import java.time.Instant;
import java.util.List;

/**
 * One of a fragment's recent outcomes as the detail page lists it.
 *
 * @param at when (the view writes it as every time, {@link ConsoleTime})
 * @param state ok, stale, fallback or error
 * @param icon a symbol of the state, so it reads without colour
 * @param reason why the origin's answer was not used, in short ({@code server error (HTTP 503)}); empty for a fresh answer
 * @param detail the failure's own words; empty for a fresh answer
 * @param latency the fetch's time for a fresh answer, {@code –} otherwise
 */
public record OutcomeRow(Instant at, String state, String icon, String reason, String detail, String latency) {

    static List<OutcomeRow> of(List<RecentOutcome> outcomes) {
        return outcomes.stream().map(OutcomeRow::of).toList();
    }

    static OutcomeRow of(RecentOutcome outcome) {
        return new OutcomeRow(outcome.at(), outcome.state().id(), icon(outcome.state()),
                outcome.reason() == null ? "" : outcome.reason(), outcome.detail() == null ? "" : outcome.detail(),
                FragmentRow.millis(outcome.latencyMillis()));
    }

    static String icon(FragmentOutcome.State state) {
        return switch (state) {
            case OK -> "●";
            case STALE -> "◑";
            case FALLBACK -> "▲";
            case ERROR -> "✕";
            case PENDING -> "■";
        };
    }
}
