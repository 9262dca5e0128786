package io.mosaic.e2e.bench;

import static io.mosaic.e2e.bench.Report.failed;
import static io.mosaic.e2e.bench.Report.healthy;
import static io.mosaic.e2e.bench.Report.mib;
import static io.mosaic.e2e.bench.Report.num;
import static io.mosaic.e2e.bench.Report.signed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Every result as one Markdown table, a column per composer (the gateway first) and the gateway's
 * ratio to each other composer, ready to paste into a README. Scenarios that did not run, and
 * composers a scenario does not run on, leave their cells empty.
 */
final class MarkdownSummary {

    /** The columns' order; a composer not named here comes after these. */
    private static final List<String> ORDER = List.of("gateway", "nginx-ssi", "nginx-ssi-tuned", "varnish-esi");

    private final StringBuilder text = new StringBuilder();
    private final List<String> composers;

    private MarkdownSummary(List<String> composers) {
        this.composers = composers;
    }

    static String of(Results results) {
        List<String> composers = composers(results);
        MarkdownSummary md = new MarkdownSummary(composers);
        md.text.append("Markdown:\n\n");
        md.line("scenario", "figure", composers, composers.subList(1, composers.size()).stream().map(c -> composers.get(0) + " / " + c)
                .toList());
        md.text.append("| --- | --- |").append(" ---: |".repeat(2 * composers.size() - 1)).append('\n');
        for (Map.Entry<LoadScenario, List<Results.Load>> entry : results.loads.entrySet()) {
            md.load(entry.getKey(), entry.getValue());
        }
        if (!results.slowOne.isEmpty()) {
            md.row("slow-one", "first body byte / f2 end / total (ms)", results.slowOne, Results.SlowOne::composer,
                    r -> num(r.firstByte(), 1) + " / " + num(r.secondEnd(), 1) + " / " + num(r.total(), 1));
        }
        if (!results.deadOne.isEmpty()) {
            md.row("dead-one", "total (ms), status, healthy present, fallbacks shown", results.deadOne, Results.DeadOne::composer,
                    r -> num(r.total(), 1) + ", " + r.statuses() + ", " + healthy(r.healthyMin(), r.healthyMax(), r.healthyOf()) + ", "
                            + r.fallbacksMin() + "/" + r.deadOf());
        }
        if (!results.breakerOpen.isEmpty()) {
            md.row("breaker-open", "dead page / healthy page (ms)", results.breakerOpen, Results.BreakerOpen::composer,
                    r -> num(r.total(), 1) + " / " + num(r.healthyTotal(), 1) + (r.requestsToOpen() == 0 ? " (no breaker)" : ""));
        }
        if (!results.unloaded.isEmpty()) {
            List<Results.Unloaded> unloaded = results.unloaded.subList(0, results.unloaded.size() - 1);
            Results.Unloaded slowest = results.unloaded.get(results.unloaded.size() - 1);
            md.row("unloaded", "first byte p50 / p90 (ms)", unloaded, Results.Unloaded::who,
                    r -> num(r.firstByteP50(), 2) + " / " + num(r.firstByteP90(), 2));
            md.row("unloaded", "total p50 / p90 (ms); slowest fragment alone " + num(slowest.totalP50(), 2) + " / "
                    + num(slowest.totalP90(), 2), unloaded, Results.Unloaded::who, r -> num(r.totalP50(), 2) + " / " + num(r.totalP90(), 2));
        }
        if (results.memory != null && results.memory.afterFastKiB() >= 0) {
            md.line("memory", "gateway RSS after the fast run", List.of(mib(results.memory.afterFastKiB())), List.of());
        }
        Results.Soak soak = results.memory == null ? null : results.memory.soak();
        if (soak != null) {
            List<Results.RssSample> s = soak.samples();
            md.line("soak", "gateway RSS start → end, slope", List.of(mib(s.get(0).rssKiB()) + " → " + mib(s.get(s.size() - 1).rssKiB())
                    + ", " + signed(soak.slopeMiBPerMinute()) + " MiB/min"), List.of());
        }
        if (results.registry != null) {
            md.registry(results.registry);
        }
        Results.Load file = results.staticFile;
        if (file != null) {
            md.text.append("\nStatic file, for scale (the origins' nginx serving one ").append(FragmentHtml.SIZE)
                    .append(" B file, nothing composed): ").append(num(file.wrk().requestsPerSecond(), 0))
                    .append(" requests/s, p50 / p99 ").append(num(file.wrk().p50Millis(), 2)).append(" / ")
                    .append(num(file.wrk().p99Millis(), 2)).append(" ms, ").append(num(file.cpuMicrosPerPage(), 0))
                    .append(" µs CPU per answer.\n");
        }
        md.text.append('\n');
        return md.text.toString();
    }

    /** Every composer named in the results, in {@link #ORDER}. */
    static List<String> composers(Results results) {
        Set<String> named = new LinkedHashSet<>(List.of("gateway"));
        results.loads.values().forEach(runs -> runs.forEach(r -> named.add(r.composer())));
        results.slowOne.forEach(r -> named.add(r.composer()));
        results.deadOne.forEach(r -> named.add(r.composer()));
        results.breakerOpen.forEach(r -> named.add(r.composer()));
        if (!results.unloaded.isEmpty()) {
            results.unloaded.subList(0, results.unloaded.size() - 1).forEach(r -> named.add(r.who()));
        }
        List<String> ordered = new ArrayList<>(ORDER.stream().filter(named::contains).toList());
        named.stream().filter(name -> !ORDER.contains(name)).forEach(ordered::add);
        return List.copyOf(ordered);
    }

    private void load(LoadScenario scenario, List<Results.Load> runs) {
        String name = scenario.name();
        ratioRow(name, "requests/s", runs, r -> r.wrk().requestsPerSecond(), 0);
        row(name, "latency p50 / p99 (ms)", runs, Results.Load::composer, r -> num(r.wrk().p50Millis(), 2) + " / "
                + num(r.wrk().p99Millis(), 2));
        ratioRow(name, "CPU per page (µs)", runs, Results.Load::cpuMicrosPerPage, 0);
        row(name, "errors / failed fragments", runs, Results.Load::composer, r -> r.wrk().errors() + " / "
                + failed(r.failedFragments(), r.wrk().requests() * scenario.fragmentsPerPage()));
        row(name, "origin fetches per page", runs, Results.Load::composer, r -> num(r.originFetchesPerPage(), 2));
        if (name.equals("fast")) {
            row(name, "page size (bytes)", runs, Results.Load::composer, r -> Integer.toString(r.pageBytes()));
        }
    }

    /** registry-1000's rows, all in the gateway's column: before → after (after / before). */
    private void registry(Results.Registry r) {
        double[] ms = r.registrationMillis();
        double[] firstLast = RegistryScenario.firstAndLastMedians(ms, 100);
        line("registry-1000", ms.length + " registrations: total (s); median, first 100, last 100 (ms)", List.of(
                num(r.registrationSeconds(), 1) + "; " + num(SingleRequests.median(ms), 0) + ", " + num(firstLast[0], 0) + ", "
                        + num(firstLast[1], 0)), List.of());
        beforeAfter("/fast", r.pageBefore(), r.pageAfter());
        beforeAfter("proxied asset", r.proxyBefore(), r.proxyAfter());
    }

    private void beforeAfter(String what, Results.Load before, Results.Load after) {
        line("registry-1000", what + " requests/s before → after", List.of(num(before.wrk().requestsPerSecond(), 0) + " → "
                + num(after.wrk().requestsPerSecond(), 0) + " (" + num(after.wrk().requestsPerSecond() / before.wrk().requestsPerSecond(), 2)
                + ")"), List.of());
        line("registry-1000", what + " p50 / p99 (ms) before → after", List.of(num(before.wrk().p50Millis(), 2) + " / "
                + num(before.wrk().p99Millis(), 2) + " → " + num(after.wrk().p50Millis(), 2) + " / " + num(after.wrk().p99Millis(), 2)),
                List.of());
        line("registry-1000", what + " CPU per call (µs) before → after", List.of(num(before.cpuMicrosPerPage(), 0) + " → "
                + num(after.cpuMicrosPerPage(), 0)), List.of());
    }

    /** A figure per composer and the gateway's ratio to each other composer's. */
    private void ratioRow(String scenario, String figure, List<Results.Load> runs, Function<Results.Load, Double> value, int decimals) {
        Map<String, Double> byComposer = new LinkedHashMap<>();
        runs.forEach(r -> byComposer.put(r.composer(), value.apply(r)));
        Double gateway = byComposer.get(composers.get(0));
        List<String> cells = composers.stream().map(c -> byComposer.containsKey(c) ? num(byComposer.get(c), decimals) : "").toList();
        List<String> ratios = composers.subList(1, composers.size()).stream()
                .map(c -> gateway != null && byComposer.containsKey(c) ? num(gateway / byComposer.get(c), 2) : "").toList();
        line(scenario, figure, cells, ratios);
    }

    /** A cell per composer, each in its composer's column. */
    private <T> void row(String scenario, String figure, List<T> perComposer, Function<T, String> composer, Function<T, String> cell) {
        Map<String, String> byComposer = new LinkedHashMap<>();
        perComposer.forEach(r -> byComposer.put(composer.apply(r), cell.apply(r)));
        line(scenario, figure, composers.stream().map(c -> byComposer.getOrDefault(c, "")).toList(), List.of());
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
