package io.mosaic.gateway.console;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mosaic.gateway.observe.ActivitySnapshot;
import io.mosaic.gateway.plan.CompositionPlan;
import io.mosaic.gateway.plan.FragmentPlan;
import java.util.List;
import java.util.Locale;

/**
 * One fragment as the console shows it, live: who owns it, where it comes from, its breaker and
 * its last minute. Also the JSON of the console's live updates.
 *
 * @param name the fragment
 * @param team its team
 * @param source {@code manifest} or {@code registry}
 * @param version its origin's {@code X-Fragment-Version} as last seen; empty when not seen yet
 * @param origin its URL
 * @param breaker the breaker's state as a word: closed, open, half-open, forced open, forced closed
 * @param breakerIcon a symbol of the state, so it reads without colour
 * @param p50 median latency over the last minute, as text
 * @param p95 95th percentile latency over the last minute, as text
 * @param errorRate failures per resolution over the last minute, as text
 * @param cacheHitRate resolutions that reused a stored answer over the last minute, as text; "–" when none did
 * @param calls resolutions over the last minute
 * @param lastFailure the last failure's reason and when ({@link ConsoleTime}), empty when none
 * @param sparkline the points of a 120×24 SVG polyline of the median latency per second
 * @param editable whether the signed-in caller may change it (a registered fragment of its team, or an admin)
 */
public record FragmentRow(String name, String team, String source, String version, String origin, String breaker,
                          String breakerIcon, String p50, String p95, String errorRate, String cacheHitRate, int calls, String lastFailure,
                          String sparkline, boolean editable) {

    static FragmentRow of(FragmentPlan fragment, CompositionPlan plan, ActivitySnapshot activity, String version,
                          boolean editable) {
        String failure = activity.lastFailureReason() == null ? ""
                : activity.lastFailureReason() + " at " + ConsoleTime.UTC.format(activity.lastFailureAt());
        return new FragmentRow(fragment.name(), fragment.definition().team(),
                plan.isRegistered(fragment.name()) ? "registry" : "manifest", version == null ? "" : version,
                fragment.definition().url().toString(), word(fragment.breaker().getState()), icon(fragment.breaker().getState()),
                millis(activity.p50Millis()), millis(activity.p95Millis()),
                activity.calls() == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", activity.errorRate() * 100),
                activity.cacheHitRate() == null ? "–" : String.format(Locale.ROOT, "%.0f %%", activity.cacheHitRate() * 100),
                activity.calls(), failure, sparkline(activity.sparkline()), editable);
    }

    static String word(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> "closed";
            case OPEN -> "open";
            case HALF_OPEN -> "half-open";
            case FORCED_OPEN -> "forced open";
            case DISABLED -> "forced closed";
            case METRICS_ONLY -> "metrics only";
        };
    }

    static String icon(CircuitBreaker.State state) {
        return switch (state) {
            case CLOSED -> "●";
            case OPEN, FORCED_OPEN -> "✕";
            case HALF_OPEN -> "◐";
            case DISABLED, METRICS_ONLY -> "■";
        };
    }

    static String millis(Double value) {
        return value == null ? "–" : value < 10 ? String.format(Locale.ROOT, "%.1f ms", value)
                : String.format(Locale.ROOT, "%.0f ms", value);
    }

    /** Points for a 120 by 24 polyline, scaled to the minute's slowest second; seconds without fetches are left out. */
    static String sparkline(List<Double> values) {
        double max = values.stream().filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0);
        if (max <= 0) {
            return "";
        }
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            Double value = values.get(i);
            if (value != null) {
                double x = i * 120.0 / (values.size() - 1);
                double y = 23 - value / max * 22;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
        }
        return points.toString().trim();
    }
}
