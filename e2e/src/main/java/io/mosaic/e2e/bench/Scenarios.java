package io.mosaic.e2e.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The scenarios, in order ({@link Options#SCENARIOS}; {@code --scenarios} runs some of them): the
 * static file (the machine's limit, for scale, before any load scenario); {@code fast}
 * (throughput, latency, CPU per page); {@code slow-one}, {@code dead-one} and {@code breaker-open}
 * (single requests); the load scenarios {@code cached}, {@code fast-20}, {@code fast-100k},
 * {@code fast-distinct} (fast's fragments, every request with its own query passed on to the
 * origins, so that every page takes 5 origin fetches), {@code fast-distinct-user} (the same with a
 * user's cookie per connection, which the fragments receive) and {@code personalised} (every
 * origin's answer new on every request); the unloaded page's latency after a quiet pause;
 * {@code memory} (with {@code fast}; with the soak when asked); and {@code registry-1000} (the
 * gateway alone, before and after 1,000 registrations; last, since they stay). Each prints its
 * figures as soon as it has them. Only one composer is under load at a time, each in the order
 * of {@link #composers}; the tuned nginx peer only where its tuning can matter: where something
 * is cached, and where every request is new.
 */
final class Scenarios {

    private static final int MAX_REQUESTS_TO_OPEN = 20;

    private final Options options;
    private final Gateway gateway;
    /** The gateway, nginx SSI and Varnish ESI: the composers of every scenario but registry-1000 (the gateway's alone). */
    private final List<Composer> composers;
    /** The same with the tuned nginx peer after nginx SSI. */
    private final List<Composer> withTuned;
    private final BenchPages pages;
    private final StaticOrigins origins;
    private final Wrk wrk;
    private final WholePage whole;
    private final LoadRuns loads;
    private final Report report;
    private final long ticksPerSecond;
    /** Whether a load run has warmed the gateway's JIT yet: the first gets the long warm-up, whichever scenario it is. */
    private boolean warm;

    Scenarios(Options options, Gateway gateway, NginxSsi nginx, NginxSsi tunedNginx, VarnishEsi varnish, BenchPages pages,
              StaticOrigins origins, Wrk wrk, Report report, long ticksPerSecond) {
        this.options = options;
        this.gateway = gateway;
        this.composers = List.of(gateway, nginx, varnish);
        this.withTuned = List.of(gateway, nginx, tunedNginx, varnish);
        this.pages = pages;
        this.origins = origins;
        this.wrk = wrk;
        this.whole = new WholePage(report);
        this.loads = new LoadRuns(wrk, whole, origins, report, options.settle(), ticksPerSecond);
        this.report = report;
        this.ticksPerSecond = ticksPerSecond;
    }

    Results run() {
        Results results = new Results();
        for (Composer composer : withTuned) {
            whole.await(composer, pages.fast(), "after start");
        }
        long rssAfterStart = ProcStat.rssKiB(gateway.pid());

        boolean anyLoad = List.of("fast", "hanging", "cached", "fast-20", "fast-100k", "fast-distinct", "fast-distinct-user",
                "personalised").stream().anyMatch(options::runs);
        if (anyLoad) {
            results.staticFile = loads.staticFile(options.laterWarmUp(), options.shortMeasured());
            report.staticFile(results.staticFile, options.shortMeasured());
        }

        long rssAfterFast = -1;
        if (options.runs("fast")) {
            rssAfterFast = load(results, "fast", pages.fast(), pageOf(FragmentHtml.COUNT, FragmentHtml.SIZE, "nginx origins"),
                    options.measured(), composers);
        }
        if (options.runs("slow-one")) {
            for (Composer composer : composers) {
                whole.await(composer, pages.fast(), "before slow-one");
                results.slowOne.add(slowOne(composer));
            }
            report.slowOne(results.slowOne, options);
        }
        if (options.runs("dead-one")) {
            for (Composer composer : composers) {
                whole.await(composer, pages.fast(), "before dead-one");
                results.deadOne.add(deadOne(composer));
            }
            report.deadOne(results.deadOne, options);
        }
        if (options.runs("breaker-open")) {
            for (Composer composer : composers) {
                whole.await(composer, pages.fast(), "before breaker-open");
                results.breakerOpen.add(composer == gateway ? breakerOpenOnGateway() : breakerOpen(composer, 0));
            }
            report.breakerOpen(results.breakerOpen, options);
        }
        if (options.runs("hanging")) {
            load(results, "hanging", pages.hanging(), "fast's page with its 3rd fragment from an origin that never answers ("
                    + BenchPages.HANG_TIMEOUT.toMillis() + " ms deadline; gateway breaker " + BenchPages.PROBES_OFTEN + ", opened by"
                    + " the warm-up)", options.shortMeasured(), composers);
            report.hangingAgainstFast(results);
        }
        if (options.runs("cached")) {
            load(results, "cached", pages.cached(), pageOf(FragmentHtml.COUNT, FragmentHtml.SIZE, "nginx origins, sent with"
                    + " Cache-Control: max-age=" + BenchPages.MAX_AGE.toSeconds()), options.measured(), withTuned);
        }
        if (options.runs("fast-20")) {
            load(results, "fast-20", pages.fast20(), pageOf(FragmentHtml.MANY, FragmentHtml.SIZE, "nginx origins"), options.shortMeasured(),
                    composers);
        }
        if (options.runs("fast-100k")) {
            load(results, "fast-100k", pages.fast100k(), pageOf(FragmentHtml.COUNT, FragmentHtml.LARGE_SIZE, "nginx origins"),
                    options.shortMeasured(), composers);
        }
        if (options.runs("fast-distinct")) {
            load(results, "fast-distinct", pages.fastDistinct(), pageOf(FragmentHtml.COUNT, FragmentHtml.SIZE, "nginx origins")
                    + ", each request with its own ?" + BenchPages.DISTINCT_PARAMETER + "= passed on to every fragment's origin (nothing to"
                    + " share or keep)", options.shortMeasured(), withTuned);
        }
        if (options.runs("fast-distinct-user")) {
            load(results, "fast-distinct-user", pages.fastDistinctUser(), "fast-distinct's page, and each connection a user of its own:"
                    + " Cookie: " + BenchPages.USER_COOKIE + "=uN, which the fragments declare in forward.cookies (nothing a user's"
                    + " request may share with another's)", options.shortMeasured(), withTuned);
        }
        if (options.runs("personalised")) {
            load(results, "personalised", pages.personalised(), FragmentHtml.COUNT + " fragments of about " + FragmentHtml.SIZE
                    + " B from the nginx origins, each request with its own ?" + BenchPages.PERSONAL_PARAMETER + "= passed on to every"
                    + " origin, which writes it into its answer (SSI): every URL and every body new", options.shortMeasured(), withTuned);
        }

        if (options.runs("unloaded")) {
            for (Composer composer : composers) {
                whole.await(composer, pages.fast(), "before the unloaded requests");
            }
            report.progress("quiet for " + options.quietPause().toSeconds() + " s, then " + Options.UNLOADED_RUNS
                    + " single requests of " + pages.fast().path() + " per composer and per fragment origin, interleaved");
            Sleep.millis(options.quietPause().toMillis());
            results.unloaded.addAll(UnloadedLatency.measure(composers, pages.fast(), options.singleWarmUps()));
            report.unloaded(results.unloaded, pages.fast());
        }

        if (options.runs("fast") || options.soak()) {
            results.memory = new Results.Memory(rssAfterStart, rssAfterFast, options.soak() ? soak() : null);
            report.memory(results.memory);
        }

        if (options.runs("registry-1000")) {
            results.registry = new RegistryScenario(gateway, pages, origins, loads, whole, report, ticksPerSecond)
                    .run(warmUp(), options.warmUp(), options.shortMeasured());
            report.registry(results.registry, pages.proxiedAsset(), options);
        }
        return results;
    }

    /** The warm-up of the next load scenario: the long one for the first, which warms the gateway's JIT, the short one after. */
    private Duration warmUp() {
        Duration warmUp = warm ? options.laterWarmUp() : options.warmUp();
        warm = true;
        return warmUp;
    }

    /** Runs load scenario {@code name} on {@code page} on each of {@code on} and prints it; returns the gateway's RSS right after its run. */
    private long load(Results results, String name, PageSpec page, String description, Duration measured, List<Composer> on) {
        return load(results, new LoadScenario(name, page, description, warmUp(), measured), on);
    }

    /** Runs {@code scenario} on each of {@code on} and prints it; returns the gateway's RSS right after its run. */
    private long load(Results results, LoadScenario scenario, List<Composer> on) {
        List<Results.Load> runs = new ArrayList<>();
        long gatewayRss = -1;
        for (Composer composer : on) {
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
        int fallbacks = sample.stream().mapToInt(p -> WholePage.occurrences(p.body(), FragmentSpec.FALLBACK)).min().orElse(0);
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
