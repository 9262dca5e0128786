package io.mosaic.e2e.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The scenarios, in order: verification of both composers' pages, {@code fast} (throughput, latency,
 * CPU per page), {@code slow-one}, {@code dead-one}, {@code breaker-open} and {@code memory}
 * (with the soak when asked). Each prints its figures as soon as it has them. Only one composer
 * is under load at a time.
 */
final class Scenarios {

    /** How long a composer may take to serve /fast whole again: after a cold start, or until breakers opened by load close. */
    private static final Duration COMPLETE_WITHIN = Duration.ofSeconds(30);
    private static final int MAX_REQUESTS_TO_OPEN = 20;
    private static final Pattern BOX = Pattern.compile("<div class=\"mosaic-fragment\"[^>]*>");

    private final Options options;
    private final Gateway gateway;
    private final NginxSsi nginx;
    private final BenchPages pages;
    private final Wrk wrk;
    private final Report report;
    private final long ticksPerSecond;

    Scenarios(Options options, Gateway gateway, NginxSsi nginx, BenchPages pages, Wrk wrk, Report report, long ticksPerSecond) {
        this.options = options;
        this.gateway = gateway;
        this.nginx = nginx;
        this.pages = pages;
        this.wrk = wrk;
        this.report = report;
        this.ticksPerSecond = ticksPerSecond;
    }

    Results run() {
        Results results = new Results();
        int gatewayBytes = awaitWhole(gateway, "after start");
        int nginxBytes = awaitWhole(nginx, "after start");
        long rssAfterStart = ProcStat.rssKiB(gateway.pid());

        results.fast.add(fast(gateway, gatewayBytes));
        long rssAfterFast = ProcStat.rssKiB(gateway.pid());
        results.fast.add(fast(nginx, nginxBytes));
        report.fast(results.fast, options);

        for (Composer composer : List.of(gateway, nginx)) {
            awaitWhole(composer, "after the fast run");
            results.slowOne.add(slowOne(composer));
        }
        report.slowOne(results.slowOne);

        for (Composer composer : List.of(gateway, nginx)) {
            awaitWhole(composer, "before dead-one");
            results.deadOne.add(deadOne(composer));
        }
        report.deadOne(results.deadOne);

        awaitWhole(gateway, "before breaker-open");
        results.breakerOpen.add(breakerOpenOnGateway());
        awaitWhole(nginx, "before breaker-open");
        results.breakerOpen.add(breakerOpen(nginx, 0));
        report.breakerOpen(results.breakerOpen);

        results.memory = new Results.Memory(rssAfterStart, rssAfterFast, options.soak() ? soak() : null);
        report.memory(results.memory);
        return results;
    }

    /**
     * Requests {@code /fast}, one request at a time, until it is whole: status 200, every
     * fragment's end marker, no box in a stale, fallback or error state. A cold JVM's first
     * fetches may miss the 250 ms deadlines, and load may have opened breakers, which then need
     * {@code openFor} and successful probes to close; the benchmark measures from a steady state
     * and says how long reaching it took. Fails when the page is not whole within
     * {@link #COMPLETE_WITHIN}. Returns the body's size.
     */
    private int awaitWhole(Composer composer, String when) {
        URI url = composer.url(pages.fast().path());
        long started = System.nanoTime();
        long deadline = started + COMPLETE_WITHIN.toNanos();
        int requests = 0;
        while (true) {
            TimedPage page = TimedPage.get(url);
            requests++;
            String problem = incompleteness(page, pages.fast());
            if (problem == null) {
                if (requests > 1) {
                    report.progress(String.format(Locale.ROOT, "%s: %s was not whole %s; whole again after %d requests in %.1f s",
                            composer.name(), pages.fast().path(), when, requests, (System.nanoTime() - started) / 1e9));
                }
                return page.bodyBytes();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(composer.name() + "'s " + url + " is not whole " + when + ", still after " + requests
                        + " requests in " + COMPLETE_WITHIN.toSeconds() + " s: " + problem + "\n" + composer.diagnosis());
            }
            Sleep.millis(200);
        }
    }

    /** What is wrong with a page that should be whole, or null. */
    static String incompleteness(TimedPage page, PageSpec spec) {
        if (page.status() != 200) {
            return "status " + page.status();
        }
        List<String> missing = spec.markers().stream().filter(m -> !page.body().contains(m)).toList();
        if (!missing.isEmpty()) {
            return "missing fragment end markers " + missing;
        }
        // The gateway marks each box with its outcome (the layout's CSS names the states too, hence the '>').
        for (String state : List.of("stale", "fallback", "error")) {
            if (page.body().contains("data-fragment-state=\"" + state + "\">")) {
                return "a fragment box is in state " + state + ": " + boxes(page.body());
            }
        }
        return null;
    }

    /** The opening tags of the page's fragment boxes, which name each fragment and its outcome. */
    private static String boxes(String body) {
        return BOX.matcher(body).results().map(MatchResult::group).collect(Collectors.joining(" "));
    }

    private Results.Fast fast(Composer composer, int pageBytes) {
        URI url = composer.url(pages.fast().path());
        report.progress(composer.name() + ": fast, " + options.warmUp().toSeconds() + " s warm-up, then "
                + options.measured().toSeconds() + " s measured");
        wrk.run("fast-warmup-" + composer.name(), url, options.warmUp());
        awaitWhole(composer, "after the warm-up");
        Sleep.millis(1000);
        List<Long> pids = composer.pids();
        long failedBefore = composer.failedFragments();
        long ticksBefore = ProcStat.cpuTicks(pids);
        WrkResult result = wrk.run("fast-" + composer.name(), url, options.measured());
        long ticks = ProcStat.cpuTicks(pids) - ticksBefore;
        long failed = composer.failedFragments() - failedBefore;
        double cpuMicrosPerPage = result.requests() == 0 ? Double.NaN : ticks * 1e6 / ticksPerSecond / result.requests();
        return new Results.Fast(composer.name(), result, cpuMicrosPerPage, failed, pageBytes);
    }

    private Results.SlowOne slowOne(Composer composer) {
        PageSpec page = pages.slowOne();
        report.progress(composer.name() + ": slow-one, " + Options.SINGLE_RUNS + " single requests");
        List<TimedPage> sample = SingleRequests.sample(composer.url(page.path()));
        for (TimedPage timed : sample) {
            String problem = incompleteness(timed, page);
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
        report.progress(composer.name() + ": dead-one, " + Options.SINGLE_RUNS + " single requests");
        List<TimedPage> sample = SingleRequests.sample(composer.url(page.path()));
        String statuses = sample.stream().map(TimedPage::status).distinct().sorted().map(String::valueOf)
                .collect(Collectors.joining(","));
        List<Integer> healthy = sample.stream().map(p -> page.markersIn(p.body())).toList();
        return new Results.DeadOne(composer.name(), SingleRequests.median(sample, TimedPage::totalMillis), statuses,
                healthy.stream().mapToInt(Integer::intValue).min().orElse(0),
                healthy.stream().mapToInt(Integer::intValue).max().orElse(0), page.markers().size());
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
        report.progress(composer.name() + ": breaker-open, " + Options.SINGLE_RUNS + " single requests of "
                + page.path() + " and of " + pages.fast().path());
        List<TimedPage> dead = SingleRequests.sample(composer.url(page.path()));
        List<TimedPage> healthy = SingleRequests.sample(composer.url(pages.fast().path()));
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
        awaitWhole(gateway, "before the soak");
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
