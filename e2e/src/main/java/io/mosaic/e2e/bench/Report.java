package io.mosaic.e2e.bench;

import io.mosaic.e2e.GatewayJvm;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Prints the header, each scenario's figures as one aligned line per composer, and at the end a
 * Markdown table of everything ({@link MarkdownSummary}). Progress goes to stderr, figures to
 * stdout. Figures only: the benchmark judges nothing.
 */
final class Report {

    private final PrintStream out;
    private final PrintStream progress;
    private volatile boolean silenced;

    Report(PrintStream out, PrintStream progress) {
        this.out = gated(out);
        this.progress = gated(progress);
    }

    /** From now on nothing more is printed: the run was interrupted and its remaining figures would be wrong. */
    void silence() {
        out.flush();
        progress.flush();
        silenced = true;
    }

    boolean silenced() {
        return silenced;
    }

    void progress(String message) {
        progress.println("... " + message);
    }

    /** {@code stream}, until {@link #silence()}. */
    private PrintStream gated(PrintStream stream) {
        return new PrintStream(new FilterOutputStream(stream) {
            @Override
            public void write(byte[] bytes, int offset, int length) {
                if (!silenced) {
                    stream.write(bytes, offset, length);
                }
            }

            @Override
            public void write(int b) {
                if (!silenced) {
                    stream.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    void header(Machine machine, Options options, Path gatewayJvm, long ticksPerSecond) {
        long jarKiB;
        try {
            jarKiB = Files.size(options.gatewayJar()) / 1024;
        } catch (IOException e) {
            jarKiB = -1;
        }
        out.println("Mosaic gateway vs nginx SSI (and a tuned nginx SSI peer) and Varnish ESI"
                + (options.quick() ? "  (--quick: short runs, figures not for publishing)" : ""));
        fact("date", machine.date());
        fact("machine", machine.cpus() + " CPUs (nproc), " + machine.cpuModel() + ", " + machine.memory() + " memory");
        fact("load avg", machine.loadAverage() + " (1 / 5 / 15 min, before the run)");
        fact("kernel", machine.kernel());
        fact("java", machine.java());
        fact("nginx", machine.nginx());
        fact("varnish", machine.varnish());
        fact("wrk", machine.wrk());
        fact("gateway jar", options.gatewayJar() + " (" + mib(jarKiB) + ")");
        fact("gateway JVM", "@" + gatewayJvm + ": " + String.join(" ", GatewayJvm.options(gatewayJvm)));
        if (!options.all()) {
            fact("scenarios", String.join(", ", options.scenarios()) + " (--scenarios)");
        }
        fact("load", "wrk -t" + Options.WRK_THREADS + " -c" + Options.WRK_CONNECTIONS + " --latency (fast-distinct-user: -t"
                + Options.WRK_CONNECTIONS + ", a thread per connection); the first load run: " + options.warmUp().toSeconds()
                + " s warm-up, the others " + options.laterWarmUp().toSeconds() + " s; measured: fast and cached "
                + options.measured().toSeconds() + " s, the others " + options.shortMeasured().toSeconds() + " s");
        fact("single", "slow-one, dead-one, breaker-open: median of " + options.singleRuns() + " after " + options.singleWarmUps()
                + " warm-ups; unloaded: " + Options.UNLOADED_RUNS + " after " + options.quietPause().toSeconds()
                + " s of quiet; a new connection each");
        fact("note", "wrk, the composers and the origins share these CPUs on 127.0.0.1; CPU per page counts the composer's"
                + " own processes (1 tick = " + 1000 / ticksPerSecond + " ms)");
        out.println();
    }

    private void fact(String key, String value) {
        out.printf("  %-12s %s%n", key, value);
    }

    /** The static file's run, before any scenario: the machine's limit for one small answer. */
    void staticFile(Results.Load result, Duration measured) {
        out.println("static file: wrk -t" + Options.WRK_THREADS + " -c" + Options.WRK_CONNECTIONS + " -d" + measured.toSeconds()
                + "s --latency on one " + FragmentHtml.SIZE + " B fragment file of the origins' nginx (1 worker), nothing composed:"
                + " this machine's limit for one small answer, for scale");
        TextTable table = loadTable();
        addLoadRow(table, result, 1);
        out.print(table.render("  "));
        out.println();
    }

    /** A load scenario: a row per composer, then the static file's row for scale. */
    void load(LoadScenario scenario, List<Results.Load> results, Results.Load staticFile) {
        out.println(scenario.name() + ": " + scenario.description() + "; wrk -t" + scenario.wrkThreads() + " -c" + Options.WRK_CONNECTIONS
                + " -d" + scenario.measured().toSeconds() + "s --latency after a " + scenario.warmUp().toSeconds() + " s warm-up");
        TextTable table = loadTable();
        results.forEach(r -> addLoadRow(table, r, scenario.fragmentsPerPage()));
        if (staticFile != null) {
            addLoadRow(table, staticFile, 1);
        }
        out.print(table.render("  "));
        out.println("  errors: wrk's socket errors and answers >= 400. failed fragments: fetches that failed by the composer's own count"
                + " (gateway: outcomes other than ok; nginx: error-log lines; Varnish: MAIN.fetch_failed), and their share of all "
                + scenario.fragmentsPerPage() + " x requests fetches: the page still answers 200 with a stale copy or fallback in"
                + " their place. origin fetches/page: requests the origins served during the run, per page");
        Results.Load gateway = results.get(0);
        for (Results.Load other : results.subList(1, results.size())) {
            out.println("  " + gateway.composer() + " / " + other.composer() + ": "
                    + num(gateway.wrk().requestsPerSecond() / other.wrk().requestsPerSecond(), 2) + " x the req/s, "
                    + num(gateway.cpuMicrosPerPage() / other.cpuMicrosPerPage(), 2) + " x the CPU per page");
        }
        out.println();
    }

    /**
     * {@code hanging} beside {@code fast} of the same run, composer by composer: the share of the
     * healthy page's rate kept with one fragment hanging, and its p99 against the healthy one's.
     */
    void hangingAgainstFast(Results results) {
        List<Results.Load> fast = results.load("fast");
        List<Results.Load> hanging = results.load("hanging");
        if (fast == null || hanging == null) {
            out.println("  (fast did not run: no healthy rate to compare with)");
            out.println();
            return;
        }
        for (Results.Load one : hanging) {
            fast.stream().filter(f -> f.composer().equals(one.composer())).findFirst().ifPresent(healthy ->
                    out.println("  " + one.composer() + ": " + num(100 * one.wrk().requestsPerSecond() / healthy.wrk().requestsPerSecond(), 1)
                            + " % of its fast req/s, p99 " + num(one.wrk().p99Millis() / healthy.wrk().p99Millis(), 2)
                            + " x its fast p99, " + one.wrk().errors() + " errors"));
        }
        out.println();
    }

    private static TextTable loadTable() {
        return new TextTable("composer", "req/s", "p50 ms", "p90 ms", "p99 ms", "requests", "errors", "failed fragments",
                "origin fetches/page", "CPU µs/page", "page bytes");
    }

    private static void addLoadRow(TextTable table, Results.Load r, int fragmentsPerPage) {
        table.add(r.composer(), num(r.wrk().requestsPerSecond(), 0), num(r.wrk().p50Millis(), 2), num(r.wrk().p90Millis(), 2),
                num(r.wrk().p99Millis(), 2), Long.toString(r.wrk().requests()), Long.toString(r.wrk().errors()),
                failed(r.failedFragments(), r.wrk().requests() * fragmentsPerPage), num(r.originFetchesPerPage(), 2),
                num(r.cpuMicrosPerPage(), 0), Integer.toString(r.pageBytes()));
    }

    void slowOne(List<Results.SlowOne> results, Options options) {
        out.println("slow-one: the 3rd of 5 fragments answers after " + JavaOrigin.SLOW_DELAY.toMillis() + " ms (deadline "
                + BenchPages.SLOW_TIMEOUT.toMillis() + " ms); medians of " + options.singleRuns() + " single requests");
        TextTable table = new TextTable("composer", "first body byte ms", "f2 end ms", "slow f3 end ms", "total ms",
                "runs with f2 >= 100 ms before f3");
        for (Results.SlowOne r : results) {
            table.add(r.composer(), num(r.firstByte(), 1), num(r.secondEnd(), 1), num(r.slowEnd(), 1), num(r.total(), 1),
                    r.earlyRuns() + "/" + r.runs());
        }
        out.print(table.render("  "));
        out.println();
    }

    void deadOne(List<Results.DeadOne> results, Options options) {
        out.println("dead-one: the 2nd fragment's origin hangs, the 4th's port is closed (deadline " + BenchPages.TIMEOUT.toMillis()
                + " ms, gateway breakers kept closed); medians of " + options.singleRuns() + " single requests");
        TextTable table = new TextTable("composer", "total ms", "status", "healthy fragments present", "fallbacks shown (fewest)");
        for (Results.DeadOne r : results) {
            table.add(r.composer(), num(r.total(), 1), r.statuses(), healthy(r.healthyMin(), r.healthyMax(), r.healthyOf()),
                    r.fallbacksMin() + "/" + r.deadOf());
        }
        out.print(table.render("  "));
        out.println("  fallbacks shown: copies of the fallback HTML, the same for every composer, in the page that showed the fewest");
        out.println();
    }

    void breakerOpen(List<Results.BreakerOpen> results, Options options) {
        out.println("breaker-open: the same dead origins, gateway breakers " + BenchPages.OPENS_QUICKLY + " opened first;"
                + " medians of " + options.singleRuns() + " single requests of the dead page and of the healthy /fast page");
        TextTable table = new TextTable("composer", "dead page ms", "healthy page ms", "difference ms", "healthy present",
                "requests to open");
        for (Results.BreakerOpen r : results) {
            table.add(r.composer(), num(r.total(), 1), num(r.healthyTotal(), 1), signed(r.difference()),
                    r.healthyMin() + "/" + r.healthyOf(), r.requestsToOpen() == 0 ? "no breaker" : Integer.toString(r.requestsToOpen()));
        }
        out.print(table.render("  "));
        out.println();
    }

    /** The unloaded page's single requests, and the slowest fragment straight from its origin. */
    void unloaded(List<Results.Unloaded> rows, PageSpec page) {
        out.println("unloaded: " + page.path() + " (" + page.fragments().size() + " fragments) when nothing else runs; "
                + Options.UNLOADED_RUNS + " single requests each on a new connection, composers and fragment origins interleaved");
        Results.Unloaded slowest = rows.get(rows.size() - 1);
        TextTable table = new TextTable("", "first byte p50 ms", "p90 ms", "total p50 ms", "p90 ms", "total p50 - slowest fragment ms",
                "whole");
        for (Results.Unloaded r : rows) {
            table.add(r.who(), num(r.firstByteP50(), 2), num(r.firstByteP90(), 2), num(r.totalP50(), 2), num(r.totalP90(), 2),
                    r == slowest ? "" : signed(r.totalP50() - slowest.totalP50(), 2), r.whole() + "/" + r.runs());
        }
        out.print(table.render("  "));
        out.println("  slowest fragment: the page's fragment with the highest median total when fetched alone from its origin"
                + " (whole: answered 200); a composer that fetches in parallel cannot be faster");
        out.println();
    }

    /** registry-1000: the registrations, then the page and the proxied call before and after them. */
    void registry(Results.Registry r, String proxied, Options options) {
        double[] ms = r.registrationMillis();
        double[] firstLast = RegistryScenario.firstAndLastMedians(ms, 100);
        out.println("registry-1000: the gateway's /fast page and a proxied asset of its fragment f1 (" + proxied + "), before and after "
                + ms.length + " fragments of " + RegisteredFragments.PREFIXES + " proxy prefixes each (on no page) were registered"
                + " through its API; wrk -t" + Options.WRK_THREADS + " -c" + Options.WRK_CONNECTIONS + " -d"
                + options.shortMeasured().toSeconds() + "s --latency after a warm-up each (the proxied call's "
                + options.warmUp().toSeconds() + " s: nothing else warms its path)");
        out.println("  registrations: " + ms.length + " x PUT /api/fragments/NAME (If-None-Match: *, admin token), one after another: "
                + num(r.registrationSeconds(), 1) + " s in all (" + num(ms.length / r.registrationSeconds(), 1) + "/s); each: median "
                + num(SingleRequests.median(ms), 0) + " ms, p90 " + num(SingleRequests.percentile(ms, 90), 0) + " ms, max "
                + num(Arrays.stream(ms).max().orElse(Double.NaN), 0) + " ms; median of the first 100 " + num(firstLast[0], 0)
                + " ms, of the last 100 " + num(firstLast[1], 0) + " ms");
        out.println("  the gateway meanwhile: CPU " + num(r.cpuSeconds(), 1) + " s (" + num(1000 * r.cpuSeconds() / ms.length, 0)
                + " ms per registration), allocated " + num(r.allocatedBytes() / (1 << 30), 1) + " GiB ("
                + num(r.allocatedBytes() / ms.length / (1 << 20), 1) + " MiB per registration), GC pauses "
                + num(r.gcPauseSeconds(), 1) + " s; RSS " + mib(r.rssBeforeKiB()) + " before, " + mib(r.rssAfterKiB()) + " after");
        TextTable table = new TextTable("", "req/s", "p50 ms", "p90 ms", "p99 ms", "requests", "errors", "origin fetches/call",
                "CPU µs/call", "bytes");
        registryRow(table, "/fast, before", r.pageBefore());
        registryRow(table, "/fast, after", r.pageAfter());
        registryRow(table, "proxied asset, before", r.proxyBefore());
        registryRow(table, "proxied asset, after", r.proxyAfter());
        out.print(table.render("  "));
        out.println("  after / before: /fast " + afterBefore(r.pageBefore(), r.pageAfter()) + "; proxied asset "
                + afterBefore(r.proxyBefore(), r.proxyAfter()));
        out.println();
    }

    /** The after / before ratios of req/s, p50, p99 and CPU per call. */
    static String afterBefore(Results.Load before, Results.Load after) {
        return num(after.wrk().requestsPerSecond() / before.wrk().requestsPerSecond(), 2) + " x the req/s, "
                + num(after.wrk().p50Millis() / before.wrk().p50Millis(), 2) + " x the p50, "
                + num(after.wrk().p99Millis() / before.wrk().p99Millis(), 2) + " x the p99, "
                + num(after.cpuMicrosPerPage() / before.cpuMicrosPerPage(), 2) + " x the CPU";
    }

    private static void registryRow(TextTable table, String what, Results.Load r) {
        table.add(what, num(r.wrk().requestsPerSecond(), 0), num(r.wrk().p50Millis(), 2), num(r.wrk().p90Millis(), 2),
                num(r.wrk().p99Millis(), 2), Long.toString(r.wrk().requests()), Long.toString(r.wrk().errors()),
                num(r.originFetchesPerPage(), 2), num(r.cpuMicrosPerPage(), 0), Integer.toString(r.pageBytes()));
    }

    void soakSample(Results.RssSample sample) {
        progress("soak: " + num(sample.minutes(), 1) + " min, gateway RSS " + mib(sample.rssKiB()));
    }

    void memory(Results.Memory memory) {
        out.println("memory: the gateway's resident set (VmRSS)");
        TextTable table = new TextTable("when", "RSS");
        table.add("after start and the first requests", mib(memory.afterStartKiB()));
        if (memory.afterFastKiB() >= 0) {
            table.add("right after the fast run", mib(memory.afterFastKiB()));
        }
        Results.Soak soak = memory.soak();
        if (soak != null) {
            for (Results.RssSample sample : soak.samples()) {
                table.add("soak at " + num(sample.minutes(), 1) + " min", mib(sample.rssKiB()));
            }
        }
        out.print(table.render("  "));
        if (soak != null) {
            List<Results.RssSample> s = soak.samples();
            out.println("  soak: slope " + signed(soak.slopeMiBPerMinute()) + " MiB/min (least squares over " + s.size()
                    + " samples), first to last " + signedMiB(s.get(s.size() - 1).rssKiB() - s.get(0).rssKiB()) + "; wrk "
                    + num(soak.wrk().requestsPerSecond(), 0) + " req/s, p99 " + num(soak.wrk().p99Millis(), 2) + " ms, "
                    + soak.wrk().requests() + " requests, " + soak.wrk().errors() + " errors, "
                    + failed(soak.failedFragments(), soak.wrk().requests() * FragmentHtml.COUNT) + " failed fragments");
        }
        out.println();
    }

    /** All results as one Markdown table. */
    void markdown(Results results) {
        out.print(MarkdownSummary.of(results));
    }

    /** A count of failed fragment fetches and its share of {@code fetches}. */
    static String failed(long failed, long fetches) {
        if (failed == 0) {
            return "0";
        }
        return failed + " (" + num(100.0 * failed / Math.max(1, fetches), 1) + "%)";
    }

    static String healthy(int min, int max, int of) {
        return (min == max ? Integer.toString(min) : min + "-" + max) + "/" + of;
    }

    static String num(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    static String signed(double value) {
        return signed(value, 1);
    }

    static String signed(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%+." + decimals + "f", value);
    }

    static String mib(long kib) {
        return kib < 0 ? "-" : String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }

    private static String signedMiB(long kib) {
        return String.format(Locale.ROOT, "%+.1f MiB", kib / 1024.0);
    }
}
