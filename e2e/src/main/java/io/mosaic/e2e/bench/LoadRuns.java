package io.mosaic.e2e.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * wrk runs on one page of one composer at a time: a warm-up, a check that the page is whole, then
 * the measured run with the composer's CPU time, its failed fragments and the origins' requests
 * counted around it. A page with a distinct query gets a new value of it on every request, in the
 * warm-up and the measured run alike, and a page with users a user per connection ({@link Wrk}). Also the same run on one static file of the
 * origins, for scale.
 */
final class LoadRuns {

    private final Wrk wrk;
    private final WholePage whole;
    private final StaticOrigins origins;
    private final Report report;
    private final Duration settle;
    private final long ticksPerSecond;

    LoadRuns(Wrk wrk, WholePage whole, StaticOrigins origins, Report report, Duration settle, long ticksPerSecond) {
        this.wrk = wrk;
        this.whole = whole;
        this.origins = origins;
        this.report = report;
        this.settle = settle;
        this.ticksPerSecond = ticksPerSecond;
    }

    Results.Load run(Composer composer, LoadScenario scenario) {
        PageSpec page = scenario.page();
        report.progress(composer.name() + ": " + scenario.name() + ", " + scenario.warmUp().toSeconds() + " s warm-up, then "
                + scenario.measured().toSeconds() + " s measured");
        whole.await(composer, page, "before the warm-up");
        wrk.run(scenario.name() + "-warmup-" + composer.name(), composer.url(page.path()), scenario.warmUp(), Wrk.Variation.of(page));
        int pageBytes = whole.await(composer, page, "after the warm-up");
        Sleep.millis(settle.toMillis());
        List<Long> pids = composer.pids();
        long failedBefore = composer.failedFragments();
        long fetchesBefore = origins.requestsServed();
        long ticksBefore = ProcStat.cpuTicks(pids);
        WrkResult result = wrk.run(scenario.name() + "-" + composer.name(), composer.url(page.path()), scenario.measured(),
                Wrk.Variation.of(page));
        long ticks = ProcStat.cpuTicks(pids) - ticksBefore;
        // The second stub_status request counts itself.
        long fetches = origins.requestsServed() - fetchesBefore - 1;
        long failed = composer.failedFragments() - failedBefore;
        return new Results.Load(composer.name(), result, perPage(ticks * 1e6 / ticksPerSecond, result), failed,
                perPage(fetches, result), pageBytes);
    }

    /**
     * wrk on {@code path} of {@code composer} that is not a page (the gateway's proxy): a warm-up,
     * a single request that must answer 200 with {@code expectedBody}, then the measured run, with
     * the composer's CPU time and the origins' requests counted around it.
     */
    Results.Load call(Composer composer, String label, String path, String expectedBody, Duration warmUp, Duration measured) {
        report.progress(composer.name() + ": " + label + " (" + path + "), " + warmUp.toSeconds() + " s warm-up, then "
                + measured.toSeconds() + " s measured");
        URI url = composer.url(path);
        wrk.run(label + "-warmup-" + composer.name(), url, warmUp);
        TimedPage answer = TimedPage.get(url);
        if (answer.status() != 200 || !answer.body().equals(expectedBody)) {
            throw new IllegalStateException(composer.name() + "'s " + path + " answered " + answer.status() + " with " + answer.bodyBytes()
                    + " bytes, not the origin's " + expectedBody.length() + ":\n" + composer.diagnosis());
        }
        Sleep.millis(settle.toMillis());
        List<Long> pids = composer.pids();
        long fetchesBefore = origins.requestsServed();
        long ticksBefore = ProcStat.cpuTicks(pids);
        WrkResult result = wrk.run(label + "-" + composer.name(), url, measured);
        long ticks = ProcStat.cpuTicks(pids) - ticksBefore;
        long fetches = origins.requestsServed() - fetchesBefore - 1;
        return new Results.Load(composer.name(), result, perPage(ticks * 1e6 / ticksPerSecond, result), 0, perPage(fetches, result),
                answer.bodyBytes());
    }

    /** wrk on the origins' first 4 KB fragment file directly: what the machine serves when nothing is composed. */
    Results.Load staticFile(Duration warmUp, Duration measured) {
        report.progress("static file: " + measured.toSeconds() + " s of wrk on the origins' " + FragmentHtml.SIZE + " B file");
        wrk.run("static-file-warmup", origins.url(1), warmUp);
        Sleep.millis(settle.toMillis());
        List<Long> pids = origins.pids();
        long ticksBefore = ProcStat.cpuTicks(pids);
        WrkResult result = wrk.run("static-file", origins.url(1), measured);
        long ticks = ProcStat.cpuTicks(pids) - ticksBefore;
        return new Results.Load("static file", result, perPage(ticks * 1e6 / ticksPerSecond, result), 0, 1, FragmentHtml.SIZE);
    }

    private static double perPage(double total, WrkResult result) {
        return result.requests() == 0 ? Double.NaN : total / result.requests();
    }
}
