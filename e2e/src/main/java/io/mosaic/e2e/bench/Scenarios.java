package io.mosaic.e2e.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The scenarios, in order: the static file (the machine's limit, for scale); {@code fast}
 * (throughput, latency, CPU per page); {@code slow-one}, {@code dead-one} and {@code breaker-open}
 * (single requests); the load scenarios {@code cached}, {@code fast-20}, {@code fast-100k} and
 * {@code fast-distinct} (fast's fragments, every request with its own query passed on to the
 * origins, so that every page takes 5 origin fetches); the
 * unloaded page's latency after a quiet pause; and {@code memory} (with the soak when asked). Each
 * prints its figures as soon as it has them. Only one composer is under load at a time, each in
 * the order of {@link #composers}.
 */
final class Scenarios {

    private static final int MAX_REQUESTS_TO_OPEN = 20;

    private final Options options;
    private final Gateway gateway;
    private final List<Composer> composers;
    private final BenchPages pages;
    private final Wrk wrk;
    private final WholePage whole;
    private final LoadRuns loads;
    private final Report report;

    Scenarios(Options options, Gateway gateway, List<Composer> others, BenchPages pages, StaticOrigins origins, Wrk wrk, Report report,
              long ticksPerSecond) {
        this.options = options;
        this.gateway = gateway;
        List<Composer> all = new ArrayList<>();
        all.add(gateway);
        all.addAll(others);
        this.composers = List.copyOf(all);
        this.pages = pages;
        this.wrk = wrk;
        this.whole = new WholePage(report);
        this.loads = new LoadRuns(wrk, whole, origins, report, options.settle(), ticksPerSecond);
        this.report = report;
    }

    Results run() {
        Results results = new Results();
        for (Composer composer : composers) {
            whole.await(composer, pages.fast(), "after start");
        }
        long rssAfterStart = ProcStat.rssKiB(gateway.pid());

        results.staticFile = loads.staticFile(options.laterWarmUp(), options.shortMeasured());
        report.staticFile(results.staticFile, options.shortMeasured());

        LoadScenario fast = new LoadScenario("fast", pages.fast(), pageOf(FragmentHtml.COUNT, FragmentHtml.SIZE, "nginx origins"),
                options.warmUp(), options.measured());
        long rssAfterFast = load(results, fast);

        for (Composer composer : composers) {
            whole.await(composer, pages.fast(), "after the fast run");
            results.slowOne.add(slowOne(composer));
        }
        report.slowOne(results.slowOne, options);

        for (Composer composer : composers) {
            whole.await(composer, pages.fast(), "before dead-one");
            results.deadOne.add(deadOne(composer));
        }
        report.deadOne(results.deadOne, options);

        for (Composer composer : composers) {
            whole.await(composer, pages.fast(), "before breaker-open");
            results.breakerOpen.add(composer == gateway ? breakerOpenOnGateway() : breakerOpen(composer, 0));
        }
        report.breakerOpen(results.breakerOpen, options);

        load(results, new LoadScenario("cached", pages.cached(), pageOf(FragmentHtml.COUNT, FragmentHtml.SIZE,
                "nginx origins, sent with Cache-Control: max-age=" + BenchPages.MAX_AGE.toSeconds()), options.laterWarmUp(), options.measured()));
        load(results, new LoadScenario("fast-20", pages.fast20(), pageOf(FragmentHtml.MANY, FragmentHtml.SIZE, "nginx origins"),
                options.laterWarmUp(), options.shortMeasured()));
        load(results, new LoadScenario("fast-100k", pages.fast100k(), pageOf(FragmentHtml.COUNT, FragmentHtml.LARGE_SIZE,
                "nginx origins"), options.laterWarmUp(), options.shortMeasured()));
        load(results, new LoadScenario("fast-distinct", pages.fastDistinct(), pageOf(FragmentHtml.COUNT, FragmentHtml.SIZE,
                "nginx origins") + ", each request with its own ?" + BenchPages.DISTINCT_PARAMETER + "= passed on to every fragment's"
                + " origin (nothing to share or keep)", options.laterWarmUp(), options.shortMeasured()));

        for (Composer composer : composers) {
            whole.await(composer, pages.fast(), "before the unloaded requests");
        }
        report.progress("quiet for " + options.quietPause().toSeconds() + " s, then " + Options.UNLOADED_RUNS
                + " single requests of " + pages.fast().path() + " per composer and per fragment origin, interleaved");
        Sleep.millis(options.quietPause().toMillis());
        results.unloaded.addAll(UnloadedLatency.measure(composers, pages.fast(), options.singleWarmUps()));
        report.unloaded(results.unloaded, pages.fast());

        results.memory = new Results.Memory(rssAfterStart, rssAfterFast, options.soak() ? soak() : null);
        report.memory(results.memory);
        return results;
    }

    /** Runs {@code scenario} on every composer and prints it; returns the gateway's RSS right after its run. */
    private long load(Results results, LoadScenario scenario) {
        List<Results.Load> runs = new ArrayList<>();
        long gatewayRss = -1;
        for (Composer composer : composers) {
            runs.add(loads.run(composer, scenario));
            if (composer == gateway) {
                gatewayRss = ProcStat.rssKiB(gateway.pid());
            }
        }
        results.loads.put(scenario, runs);
        report.load(scenario, runs, results.staticFile);
        return gatewayRss;
    }

    private List<TimedPage> sample(URI url) {
        return SingleRequests.sample(url, options.singleWarmUps(), options.singleRuns());
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static String pageOf(int fragments, int bytes, String from) {
        return fragments + " fragments x " + bytes + " B from the " + from;
    }

    private Results.SlowOne slowOne(Composer composer) {
        PageSpec page = pages.slowOne();
        report.progress(composer.name() + ": slow-one, " + options.singleRuns() + " single requests");
        List<TimedPage> sample = sample(composer.url(page.path()));
        for (TimedPage timed : sample) {
            String problem = WholePage.problem(timed, page);
            if (problem != null) {
                throw new IllegalStateException(composer.name() + "'s " + page.path() + " is not whole: " + problem + "\n"
                        + composer.diagnosis());
            }
        }
        String second = page.fragments().get(1).marker();
        String slow = page.fragments().get(2).marker();
        double margin = JavaOrigin.SLOW_DELAY.toMillis() / 2.0;
        int early = (int) sample.stream().filter(p -> p.millisUntil(second) <= p.millisUntil(slow) - margin).count();
        return new Results.SlowOne(composer.name(), SingleRequests.median(sample, TimedPage::firstBodyByteMillis),
                SingleRequests.median(sample, p -> p.millisUntil(second)), SingleRequests.median(sample, p -> p.millisUntil(slow)),
                SingleRequests.median(sample, TimedPage::totalMillis), early, sample.size());
    }

    private Results.DeadOne deadOne(Composer composer) {
        PageSpec page = pages.deadOne();
        report.progress(composer.name() + ": dead-one, " + options.singleRuns() + " single requests");
        List<TimedPage> sample = sample(composer.url(page.path()));
        String statuses = sample.stream().map(TimedPage::status).distinct().sorted().map(String::valueOf)
                .collect(Collectors.joining(","));
        List<Integer> healthy = sample.stream().map(p -> page.markersIn(p.body())).toList();
        int fallbacks = sample.stream().mapToInt(p -> occurrences(p.body(), FragmentSpec.FALLBACK)).min().orElse(0);
        return new Results.DeadOne(composer.name(), SingleRequests.median(sample, TimedPage::totalMillis), statuses,
                healthy.stream().mapToInt(Integer::intValue).min().orElse(0),
                healthy.stream().mapToInt(Integer::intValue).max().orElse(0), page.markers().size(), fallbacks,
                page.fragments().size() - page.markers().size());
    }

    /** Requests the page until the gateway reports both dead fragments' breakers open, then measures. */
    private Results.BreakerOpen breakerOpenOnGateway() {
        PageSpec page = pages.breakerOpen();
        List<String> dead = page.fragments().stream().filter(f -> !f.healthy()).map(FragmentSpec::name).toList();
        report.progress("gateway: breaker-open, opening the breakers of " + dead);
        int requests = 0;
        while (!dead.stream().allMatch(name -> gateway.breakerState(name) == 1.0)) {
            if (requests == MAX_REQUESTS_TO_OPEN) {
                throw new IllegalStateException("the gateway's breakers of " + dead + " are not open after " + requests
                        + " requests of " + page.path() + " (mosaic_fragment_breaker_state: "
                        + dead.stream().map(name -> name + "=" + gateway.breakerState(name)).toList() + ")\n" + gateway.diagnosis());
            }
            TimedPage.get(gateway.url(page.path()));
            requests++;
        }
        Results.BreakerOpen result = breakerOpen(gateway, requests);
        List<String> notOpen = dead.stream().filter(name -> gateway.breakerState(name) != 1.0).toList();
        if (!notOpen.isEmpty()) {
            report.progress("note: the gateway's breakers of " + notOpen + " were no longer open after the measurement");
        }
        return result;
    }

    private Results.BreakerOpen breakerOpen(Composer composer, int requestsToOpen) {
        PageSpec page = pages.breakerOpen();
        report.progress(composer.name() + ": breaker-open, " + options.singleRuns() + " single requests of "
                + page.path() + " and of " + pages.fast().path());
        List<TimedPage> dead = sample(composer.url(page.path()));
        List<TimedPage> healthy = sample(composer.url(pages.fast().path()));
        int healthyMin = dead.stream().mapToInt(p -> page.markersIn(p.body())).min().orElse(0);
        return new Results.BreakerOpen(composer.name(), SingleRequests.median(dead, TimedPage::totalMillis),
                SingleRequests.median(healthy, TimedPage::totalMillis), healthyMin, page.markers().size(), requestsToOpen);
    }

    /** wrk on the gateway's fast page for the soak's duration, its RSS sampled at every interval and at the end. */
    private Results.Soak soak() {
        Duration duration = options.soakDuration();
        Duration interval = options.soakInterval();
        report.progress("gateway: soak, wrk for " + duration.toMinutes() + " min" + (duration.toSeconds() % 60 == 0 ? "" : " "
                + duration.toSeconds() % 60 + " s") + ", RSS every " + interval.toSeconds() + " s");
        whole.await(gateway, pages.fast(), "before the soak");
        List<Results.RssSample> samples = new ArrayList<>();
        long failedBefore = gateway.failedFragments();
        long started = System.nanoTime();
        Wrk.Run run = wrk.start("soak-gateway", gateway.url(pages.fast().path()), duration);
        samples.add(rssSample(started));
        report.soakSample(samples.get(0));
        for (long at = interval.toNanos(); at < duration.toNanos(); at += interval.toNanos()) {
            long wait = started + at - System.nanoTime();
            if (wait > 0) {
                Sleep.millis(wait / 1_000_000);
            }
            samples.add(rssSample(started));
            report.soakSample(samples.get(samples.size() - 1));
        }
        WrkResult result = run.await();
        samples.add(rssSample(started));
        report.soakSample(samples.get(samples.size() - 1));
        return new Results.Soak(samples, result, gateway.failedFragments() - failedBefore);
    }

    private Results.RssSample rssSample(long startedNanos) {
        return new Results.RssSample((System.nanoTime() - startedNanos) / 60e9, ProcStat.rssKiB(gateway.pid()));
    }
}
