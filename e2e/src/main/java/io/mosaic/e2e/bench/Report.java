package io.mosaic.e2e.bench;

import io.mosaic.e2e.GatewayJvm;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Prints the header, each scenario's figures as one aligned line per composer, and at the end a
 * Markdown table of everything. Progress goes to stderr, figures to stdout. Figures only: the
 * benchmark judges nothing.
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
        out.println("Mosaic gateway vs nginx SSI" + (options.quick() ? "  (--quick: short runs, figures not for publishing)" : ""));
        fact("date", machine.date());
        fact("machine", machine.cpus() + " CPUs (nproc), " + machine.cpuModel() + ", " + machine.memory() + " memory");
        fact("load avg", machine.loadAverage() + " (1 / 5 / 15 min, before the run)");
        fact("kernel", machine.kernel());
        fact("java", machine.java());
        fact("nginx", machine.nginx());
        fact("wrk", machine.wrk());
        fact("gateway jar", options.gatewayJar() + " (" + mib(jarKiB) + ")");
        fact("gateway JVM", "@" + gatewayJvm + ": " + String.join(" ", GatewayJvm.options(gatewayJvm)));
        fact("load", "wrk -t" + Options.WRK_THREADS + " -c" + Options.WRK_CONNECTIONS + ", " + options.warmUp().toSeconds()
                + " s warm-up then " + options.measured().toSeconds() + " s measured; single requests: median of "
                + Options.SINGLE_RUNS + " after " + Options.SINGLE_WARMUPS + " warm-ups, a new connection each");
        fact("note", "wrk, both composers and the origins share these CPUs on 127.0.0.1; CPU per page counts the composer's"
                + " own processes (1 tick = " + 1000 / ticksPerSecond + " ms)");
        out.println();
    }

    private void fact(String key, String value) {
        out.printf("  %-12s %s%n", key, value);
    }

    void fast(List<Results.Fast> results, Options options) {
        out.println("fast: page of 5 fragments x " + FragmentHtml.SIZE + " B from the nginx origins; wrk -t" + Options.WRK_THREADS
                + " -c" + Options.WRK_CONNECTIONS + " -d" + options.measured().toSeconds() + "s --latency after a "
                + options.warmUp().toSeconds() + " s warm-up");
        TextTable table = new TextTable("composer", "req/s", "p50 ms", "p90 ms", "p99 ms", "requests", "errors", "failed fragments",
                "CPU µs/page", "page bytes");
        for (Results.Fast r : results) {
            table.add(r.composer(), num(r.wrk().requestsPerSecond(), 0), num(r.wrk().p50Millis(), 2), num(r.wrk().p90Millis(), 2),
                    num(r.wrk().p99Millis(), 2), Long.toString(r.wrk().requests()), Long.toString(r.wrk().errors()),
                    failed(r.failedFragments(), r.wrk().requests()), num(r.cpuMicrosPerPage(), 0), Integer.toString(r.pageBytes()));
        }
        out.print(table.render("  "));
        out.println("  errors: wrk's socket errors and answers >= 400. failed fragments: fetches that failed by the composer's own count"
                + " (gateway: outcomes other than ok; nginx: error-log lines), and their share of all " + FragmentHtml.COUNT
                + " x requests fetches: the page still answers 200 with a stale copy or fallback in their place");
        if (results.size() == 2) {
            Results.Fast g = results.get(0);
            Results.Fast n = results.get(1);
            out.println("  " + g.composer() + " / " + n.composer() + ": " + num(g.wrk().requestsPerSecond() / n.wrk().requestsPerSecond(), 2)
                    + " x the req/s, " + num(g.cpuMicrosPerPage() / n.cpuMicrosPerPage(), 2) + " x the CPU per page");
        }
        out.println();
    }

    void slowOne(List<Results.SlowOne> results) {
        out.println("slow-one: the 3rd of 5 fragments answers after " + JavaOrigin.SLOW_DELAY.toMillis() + " ms (deadline "
                + BenchPages.SLOW_TIMEOUT.toMillis() + " ms); medians of " + Options.SINGLE_RUNS + " single requests");
        TextTable table = new TextTable("composer", "first body byte ms", "f2 end ms", "slow f3 end ms", "total ms",
                "runs with f2 >= 100 ms before f3");
        for (Results.SlowOne r : results) {
            table.add(r.composer(), num(r.firstByte(), 1), num(r.secondEnd(), 1), num(r.slowEnd(), 1), num(r.total(), 1),
                    r.earlyRuns() + "/" + r.runs());
        }
        out.print(table.render("  "));
        out.println();
    }

    void deadOne(List<Results.DeadOne> results) {
        out.println("dead-one: the 2nd fragment's origin hangs, the 4th's port is closed (deadline " + BenchPages.TIMEOUT.toMillis()
                + " ms, gateway breakers kept closed); medians of " + Options.SINGLE_RUNS + " single requests");
        TextTable table = new TextTable("composer", "total ms", "status", "healthy fragments present");
        for (Results.DeadOne r : results) {
            table.add(r.composer(), num(r.total(), 1), r.statuses(), healthy(r.healthyMin(), r.healthyMax(), r.healthyOf()));
        }
        out.print(table.render("  "));
        out.println();
    }

    void breakerOpen(List<Results.BreakerOpen> results) {
        out.println("breaker-open: the same dead origins, gateway breakers " + BenchPages.OPENS_QUICKLY + " opened first;"
                + " medians of " + Options.SINGLE_RUNS + " single requests of the dead page and of the healthy /fast page");
        TextTable table = new TextTable("composer", "dead page ms", "healthy page ms", "difference ms", "healthy present",
                "requests to open");
        for (Results.BreakerOpen r : results) {
            table.add(r.composer(), num(r.total(), 1), num(r.healthyTotal(), 1), signed(r.difference()),
                    r.healthyMin() + "/" + r.healthyOf(), r.requestsToOpen() == 0 ? "no breaker" : Integer.toString(r.requestsToOpen()));
        }
        out.print(table.render("  "));
        out.println();
    }

    void soakSample(Results.RssSample sample) {
        progress("soak: " + num(sample.minutes(), 1) + " min, gateway RSS " + mib(sample.rssKiB()));
    }

    void memory(Results.Memory memory) {
        out.println("memory: the gateway's resident set (VmRSS)");
        TextTable table = new TextTable("when", "RSS");
        table.add("after start and the first requests", mib(memory.afterStartKiB()));
        table.add("right after the fast run", mib(memory.afterFastKiB()));
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
                    + failed(soak.failedFragments(), soak.wrk().requests()) + " failed fragments");
        }
        out.println();
    }

    /** All results as one Markdown table. */
    void markdown(Results results) {
        Results.Fast gf = results.fast.get(0);
        Results.Fast nf = results.fast.get(1);
        Results.SlowOne gs = results.slowOne.get(0);
        Results.SlowOne ns = results.slowOne.get(1);
        Results.DeadOne gd = results.deadOne.get(0);
        Results.DeadOne nd = results.deadOne.get(1);
        Results.BreakerOpen gb = results.breakerOpen.get(0);
        Results.BreakerOpen nb = results.breakerOpen.get(1);
        out.println("Markdown:");
        out.println();
        out.println("| scenario | figure | gateway | nginx SSI | gateway / nginx |");
        out.println("| --- | --- | ---: | ---: | ---: |");
        row("fast", "requests/s", num(gf.wrk().requestsPerSecond(), 0), num(nf.wrk().requestsPerSecond(), 0),
                num(gf.wrk().requestsPerSecond() / nf.wrk().requestsPerSecond(), 2));
        row("fast", "latency p50 / p99 (ms)", num(gf.wrk().p50Millis(), 2) + " / " + num(gf.wrk().p99Millis(), 2),
                num(nf.wrk().p50Millis(), 2) + " / " + num(nf.wrk().p99Millis(), 2), "");
        row("fast", "CPU per page (µs)", num(gf.cpuMicrosPerPage(), 0), num(nf.cpuMicrosPerPage(), 0),
                num(gf.cpuMicrosPerPage() / nf.cpuMicrosPerPage(), 2));
        row("fast", "errors / failed fragments", gf.wrk().errors() + " / " + failed(gf.failedFragments(), gf.wrk().requests()),
                nf.wrk().errors() + " / " + failed(nf.failedFragments(), nf.wrk().requests()), "");
        row("fast", "page size (bytes)", Integer.toString(gf.pageBytes()), Integer.toString(nf.pageBytes()), "");
        row("slow-one", "first body byte / f2 end / total (ms)", slow(gs), slow(ns), "");
        row("dead-one", "total (ms), status, healthy present", dead(gd), dead(nd), "");
        row("breaker-open", "dead page / healthy page (ms)", num(gb.total(), 1) + " / " + num(gb.healthyTotal(), 1),
                num(nb.total(), 1) + " / " + num(nb.healthyTotal(), 1) + " (no breaker)", "");
        row("memory", "gateway RSS after the fast run", mib(results.memory.afterFastKiB()), "", "");
        Results.Soak soak = results.memory.soak();
        if (soak != null) {
            List<Results.RssSample> s = soak.samples();
            row("soak", "gateway RSS start → end, slope", mib(s.get(0).rssKiB()) + " → " + mib(s.get(s.size() - 1).rssKiB()) + ", "
                    + signed(soak.slopeMiBPerMinute()) + " MiB/min", "", "");
        }
        out.println();
    }

    private void row(String scenario, String figure, String gateway, String nginx, String ratio) {
        out.println("| " + scenario + " | " + figure + " | " + gateway + " | " + nginx + " | " + ratio + " |");
    }

    /** A count of failed fragment fetches and its share of the fetches of {@code pages} pages. */
    private static String failed(long failed, long pages) {
        if (failed == 0) {
            return "0";
        }
        return failed + " (" + num(100.0 * failed / Math.max(1, pages * FragmentHtml.COUNT), 1) + "%)";
    }

    private static String slow(Results.SlowOne r) {
        return num(r.firstByte(), 1) + " / " + num(r.secondEnd(), 1) + " / " + num(r.total(), 1);
    }

    private static String dead(Results.DeadOne r) {
        return num(r.total(), 1) + ", " + r.statuses() + ", " + healthy(r.healthyMin(), r.healthyMax(), r.healthyOf());
    }

    private static String healthy(int min, int max, int of) {
        return (min == max ? Integer.toString(min) : min + "-" + max) + "/" + of;
    }

    static String num(double value, int decimals) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String signed(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%+.1f", value);
    }

    static String mib(long kib) {
        return kib < 0 ? "-" : String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
    }

    private static String signedMiB(long kib) {
        return String.format(Locale.ROOT, "%+.1f MiB", kib / 1024.0);
    }
}
