package io.mosaic.e2e.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * {@code registry-1000}: whether a thousand registered fragments slow the pages or the proxy. On
 * the gateway alone (the other composers have no proxy and no registry): wrk on the {@code fast}
 * page and on a proxied asset of one of its fragments ({@link BenchPages#proxiedAsset()}); then
 * {@link RegisteredFragments#COUNT} fragments of {@link RegisteredFragments#PREFIXES} proxy
 * prefixes each registered through the registration API on the control port, one after another as
 * teams' pipelines would, each timed; then the same two wrk runs again. The registrations stay:
 * the scenario runs last.
 */
final class RegistryScenario {

    /** Progress is reported every this many registrations. */
    private static final int PROGRESS_EVERY = 100;

    private final Gateway gateway;
    private final BenchPages pages;
    private final StaticOrigins origins;
    private final LoadRuns loads;
    private final WholePage whole;
    private final Report report;
    private final long ticksPerSecond;

    RegistryScenario(Gateway gateway, BenchPages pages, StaticOrigins origins, LoadRuns loads, WholePage whole, Report report,
                     long ticksPerSecond) {
        this.gateway = gateway;
        this.pages = pages;
        this.origins = origins;
        this.loads = loads;
        this.whole = whole;
        this.report = report;
        this.ticksPerSecond = ticksPerSecond;
    }

    /**
     * Measures before, registers, measures after. The page's runs are warmed up for
     * {@code pageWarmUp} (long when no earlier scenario has warmed the gateway's page path), the
     * proxied call's for {@code proxyWarmUp} (long: no other scenario takes the proxy's path);
     * the runs after the registrations get the same warm-ups as the runs before them.
     */
    Results.Registry run(Duration pageWarmUp, Duration proxyWarmUp, Duration measured) {
        String asset = origins.assetBody(1);
        Results.Load pageBefore = loads.run(gateway, new LoadScenario("registry-1000-page-before", pages.fast(), "", pageWarmUp,
                measured));
        Results.Load proxyBefore = loads.call(gateway, "registry-1000-proxy-before", pages.proxiedAsset(), asset, proxyWarmUp, measured);
        int last = RegisteredFragments.COUNT;
        requireStatus(RegisteredFragments.proxiedPath(last), 404, "before it is registered");

        long rssBefore = ProcStat.rssKiB(gateway.pid());
        String metricsBefore = gateway.metrics();
        long ticksBefore = ProcStat.cpuTicks(gateway.pids());
        double[] millis = new double[RegisteredFragments.COUNT];
        report.progress("gateway: registering " + RegisteredFragments.COUNT + " fragments of " + RegisteredFragments.PREFIXES
                + " proxy prefixes each, one PUT /api/fragments/NAME after another");
        long started = System.nanoTime();
        for (int i = 1; i <= RegisteredFragments.COUNT; i++) {
            millis[i - 1] = register(i);
            if (i % PROGRESS_EVERY == 0) {
                report.progress(String.format(Locale.ROOT, "gateway: %d registered in %.1f s; the last %d took %.0f ms each (median)", i,
                        (System.nanoTime() - started) / 1e9, PROGRESS_EVERY,
                        SingleRequests.median(Arrays.copyOfRange(millis, i - PROGRESS_EVERY, i))));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (double) (ProcStat.cpuTicks(gateway.pids()) - ticksBefore) / ticksPerSecond;
        String metricsAfter = gateway.metrics();
        long rssAfter = ProcStat.rssKiB(gateway.pid());
        writeTimes(millis);

        // The last registration is live: its prefix is proxied, a prefix it did not declare is not.
        requireStatus(RegisteredFragments.proxiedPath(last), 200, "once registered");
        requireStatus("/fragments/" + RegisteredFragments.name(last) + "/api/undeclared/ping", 404, "under a prefix it did not declare");
        whole.await(gateway, pages.fast(), "after the registrations");

        Results.Load pageAfter = loads.run(gateway, new LoadScenario("registry-1000-page-after", pages.fast(), "", pageWarmUp,
                measured));
        Results.Load proxyAfter = loads.call(gateway, "registry-1000-proxy-after", pages.proxiedAsset(), asset, proxyWarmUp, measured);
        return new Results.Registry(pageBefore, proxyBefore, pageAfter, proxyAfter, millis, seconds, cpuSeconds,
                difference(metricsBefore, metricsAfter, "jvm_gc_memory_allocated_bytes_total"),
                difference(metricsBefore, metricsAfter, "jvm_gc_pause_seconds_sum"), rssBefore, rssAfter);
    }

    /** Registers fragment {@code i} as a new fragment; returns how long the gateway took, in milliseconds. */
    private double register(int i) {
        String name = RegisteredFragments.name(i);
        long started = System.nanoTime();
        HttpResponse<String> answer = gateway.api("PUT", "/api/fragments/" + name, RegisteredFragments.document(i, origins.origins()),
                "If-None-Match", "*");
        double millis = (System.nanoTime() - started) / 1e6;
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("registering " + name + " (" + i + " of " + RegisteredFragments.COUNT + ") answered "
                    + answer.statusCode() + ": " + answer.body() + "\n" + gateway.diagnosis());
        }
        return millis;
    }

    private void requireStatus(String path, int status, String when) {
        TimedPage answer = TimedPage.get(gateway.url(path));
        if (answer.status() != status) {
            throw new IllegalStateException("the gateway's " + path + " answered " + answer.status() + " " + when + ", not " + status
                    + "\n" + gateway.diagnosis());
        }
    }

    /** Each registration's time, one per line, kept beside the logs for a closer look. */
    private void writeTimes(double[] millis) {
        StringBuilder text = new StringBuilder("# registration number, milliseconds\n");
        for (int i = 0; i < millis.length; i++) {
            text.append(i + 1).append(' ').append(String.format(Locale.ROOT, "%.1f", millis[i])).append('\n');
        }
        Path file = gateway.logDirectory().resolve("registry-1000-registrations.txt");
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            report.progress("cannot write " + file + ": " + e);
        }
    }

    /** How much {@code metric} (summed over its series) grew between two scrapes; NaN when the gateway does not report it. */
    static double difference(String before, String after, String metric) {
        if (!after.contains(metric)) {
            return Double.NaN;
        }
        return PrometheusText.sum(after, metric) - PrometheusText.sum(before, metric);
    }

    /** The medians of the first and the last {@code n} of {@code millis}. */
    static double[] firstAndLastMedians(double[] millis, int n) {
        int k = Math.min(n, millis.length);
        return new double[] {SingleRequests.median(Arrays.copyOfRange(millis, 0, k)),
            SingleRequests.median(Arrays.copyOfRange(millis, millis.length - k, millis.length))};
    }
}
