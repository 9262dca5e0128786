package io.mosaic.e2e.bench;

import static io.mosaic.e2e.bench.Report.failed;
import static io.mosaic.e2e.bench.Report.healthy;
import static io.mosaic.e2e.bench.Report.mib;
import static io.mosaic.e2e.bench.Report.num;
import static io.mosaic.e2e.bench.Report.signed;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every result as one Markdown table, a column per composer (the gateway first) and the gateway's
 * ratio to each other composer, ready to paste into a README.
 */
final class MarkdownSummary {

    private final StringBuilder text = new StringBuilder();
    private final List<String> composers;

    private MarkdownSummary(List<String> composers) {
        this.composers = composers;
    }

    static String of(Results results) {
        List<String> composers = results.slowOne.stream().map(Results.SlowOne::composer).toList();
        MarkdownSummary md = new MarkdownSummary(composers);
        md.text.append("Markdown:\n\n");
        md.line("scenario", "figure", composers, composers.subList(1, composers.size()).stream().map(c -> composers.get(0) + " / " + c)
                .toList());
        md.text.append("| --- | --- |").append(" ---: |".repeat(2 * composers.size() - 1)).append('\n');
        for (Map.Entry<LoadScenario, List<Results.Load>> entry : results.loads.entrySet()) {
            md.load(entry.getKey(), entry.getValue());
        }
        md.row("slow-one", "first body byte / f2 end / total (ms)", results.slowOne, r -> num(r.firstByte(), 1) + " / "
                + num(r.secondEnd(), 1) + " / " + num(r.total(), 1));
        md.row("dead-one", "total (ms), status, healthy present, fallbacks shown", results.deadOne, r -> num(r.total(), 1) + ", "
                + r.statuses() + ", " + healthy(r.healthyMin(), r.healthyMax(), r.healthyOf()) + ", " + r.fallbacksMin() + "/" + r.deadOf());
        md.row("breaker-open", "dead page / healthy page (ms)", results.breakerOpen, r -> num(r.total(), 1) + " / "
                + num(r.healthyTotal(), 1) + (r.requestsToOpen() == 0 ? " (no breaker)" : ""));
        List<Results.Unloaded> unloaded = results.unloaded.subList(0, composers.size());
        Results.Unloaded slowest = results.unloaded.get(results.unloaded.size() - 1);
        md.row("unloaded", "first byte p50 / p90 (ms)", unloaded, r -> num(r.firstByteP50(), 2) + " / " + num(r.firstByteP90(), 2));
        md.row("unloaded", "total p50 / p90 (ms); slowest fragment alone " + num(slowest.totalP50(), 2) + " / "
                + num(slowest.totalP90(), 2), unloaded, r -> num(r.totalP50(), 2) + " / " + num(r.totalP90(), 2));
        md.line("memory", "gateway RSS after the fast run", List.of(mib(results.memory.afterFastKiB())), List.of());
        Results.Soak soak = results.memory.soak();
        if (soak != null) {
            List<Results.RssSample> s = soak.samples();
            md.line("soak", "gateway RSS start → end, slope", List.of(mib(s.get(0).rssKiB()) + " → " + mib(s.get(s.size() - 1).rssKiB())
                    + ", " + signed(soak.slopeMiBPerMinute()) + " MiB/min"), List.of());
        }
        Results.Load file = results.staticFile;
        md.text.append("\nStatic file, for scale (the origins' nginx serving one ").append(FragmentHtml.SIZE).append(" B file, nothing composed): ")
                .append(num(file.wrk().requestsPerSecond(), 0)).append(" requests/s, p50 / p99 ").append(num(file.wrk().p50Millis(), 2))
                .append(" / ").append(num(file.wrk().p99Millis(), 2)).append(" ms, ").append(num(file.cpuMicrosPerPage(), 0))
                .append(" µs CPU per answer.\n\n");
        return md.text.toString();
    }

    private void load(LoadScenario scenario, List<Results.Load> runs) {
        String name = scenario.name();
        ratioRow(name, "requests/s", runs, r -> r.wrk().requestsPerSecond(), 0);
        row(name, "latency p50 / p99 (ms)", runs, r -> num(r.wrk().p50Millis(), 2) + " / " + num(r.wrk().p99Millis(), 2));
        ratioRow(name, "CPU per page (µs)", runs, Results.Load::cpuMicrosPerPage, 0);
        row(name, "errors / failed fragments", runs, r -> r.wrk().errors() + " / "
                + failed(r.failedFragments(), r.wrk().requests() * scenario.fragmentsPerPage()));
        row(name, "origin fetches per page", runs, r -> num(r.originFetchesPerPage(), 2));
        if (name.equals("fast")) {
            row(name, "page size (bytes)", runs, r -> Integer.toString(r.pageBytes()));
        }
    }

    /** A figure per composer and the gateway's ratio to each other composer's. */
    private void ratioRow(String scenario, String figure, List<Results.Load> runs, Function<Results.Load, Double> value, int decimals) {
        double gateway = value.apply(runs.get(0));
        line(scenario, figure, runs.stream().map(r -> num(value.apply(r), decimals)).toList(),
                runs.subList(1, runs.size()).stream().map(r -> num(gateway / value.apply(r), 2)).toList());
    }

    private <T> void row(String scenario, String figure, List<T> perComposer, Function<T, String> cell) {
        line(scenario, figure, perComposer.stream().map(cell).toList(), List.of());
    }

    /** A line with the given cells, the missing ones of the composer and ratio columns left empty. */
    private void line(String scenario, String figure, List<String> cells, List<String> ratios) {
        text.append("| ").append(scenario).append(" | ").append(figure).append(" |");
        for (int i = 0; i < composers.size(); i++) {
            text.append(' ').append(i < cells.size() ? cells.get(i) : "").append(" |");
        }
        for (int i = 0; i < composers.size() - 1; i++) {
            text.append(' ').append(i < ratios.size() ? ratios.get(i) : "").append(" |");
        }
        text.append('\n');
    }
}
