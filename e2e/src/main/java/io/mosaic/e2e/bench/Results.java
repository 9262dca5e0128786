package io.mosaic.e2e.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The figures of each scenario, per composer. Times in milliseconds. */
final class Results {

    /**
     * A wrk run on one page (or, for the static file, on the origin directly).
     *
     * @param failedFragments fragment fetches that failed during the run, by the composer's own count
     * @param originFetchesPerPage requests the origins served per page during the run: the page's
     *     fragment count when nothing is cached, near 0 when the composer keeps their answers
     */
    record Load(String composer, WrkResult wrk, double cpuMicrosPerPage, long failedFragments, double originFetchesPerPage,
                int pageBytes) {
    }

    /**
     * Single requests of the unloaded {@code fast} page on a new connection each, or of one fragment
     * directly from its origin.
     *
     * @param who the composer, or the fragment and its origin
     * @param whole how many of the pages had every fragment (for a fragment: answered 200)
     */
    record Unloaded(String who, double firstByteP50, double firstByteP90, double totalP50, double totalP90, int whole, int runs) {
    }

    /**
     * {@code slow-one}: medians of single requests of the page whose 3rd fragment takes 200 ms.
     *
     * @param earlyRuns in how many runs fragment 2 had fully arrived at least 100 ms before the slow one
     */
    record SlowOne(String composer, double firstByte, double secondEnd, double slowEnd, double total, int earlyRuns, int runs) {
    }

    /**
     * {@code dead-one}: single requests of the page whose 2nd fragment hangs and whose 4th origin refuses connections.
     *
     * @param fallbacksMin the fewest copies of {@link FragmentSpec#FALLBACK} a page showed
     * @param deadOf the page's dead fragments, each of which should show it
     */
    record DeadOne(String composer, double total, String statuses, int healthyMin, int healthyMax, int healthyOf, int fallbacksMin,
                   int deadOf) {
    }

    /**
     * {@code breaker-open}: the dead page once the breakers are open, beside the fast page.
     *
     * @param requestsToOpen page requests it took to open both breakers; 0 for a composer without breakers
     */
    record BreakerOpen(String composer, double total, double healthyTotal, int healthyMin, int healthyOf, int requestsToOpen) {
        double difference() {
            return total - healthyTotal;
        }
    }

    /** {@code memory}: the gateway's resident memory. */
    record Memory(long afterStartKiB, long afterFastKiB, Soak soak) {
    }

    /** A sample of the soak: minutes since its start and resident memory. */
    record RssSample(double minutes, long rssKiB) {
    }

    /** The soak: RSS samples, the wrk run, failed fragments during it. */
    record Soak(List<RssSample> samples, WrkResult wrk, long failedFragments) {

        /** Least-squares slope of RSS over time, in MiB per minute. */
        double slopeMiBPerMinute() {
            int n = samples.size();
            double meanX = samples.stream().mapToDouble(RssSample::minutes).average().orElse(0);
            double meanY = samples.stream().mapToDouble(s -> s.rssKiB() / 1024.0).average().orElse(0);
            double num = 0;
            double den = 0;
            for (RssSample s : samples) {
                num += (s.minutes() - meanX) * (s.rssKiB() / 1024.0 - meanY);
                den += (s.minutes() - meanX) * (s.minutes() - meanX);
            }
            return n < 2 || den == 0 ? Double.NaN : num / den;
        }
    }

    /**
     * {@code registry-1000}: the gateway's {@code fast} page and a proxied asset, before and after
     * {@link RegisteredFragments#COUNT} fragments were registered through its API.
     *
     * @param registrationMillis each registration's time, in the order made
     * @param registrationSeconds all of them, from the first request to the last answer
     * @param cpuSeconds the gateway's CPU time during the registrations
     * @param allocatedBytes what the gateway's JVM allocated meanwhile ({@code jvm_gc_memory_allocated_bytes_total}); NaN if not reported
     * @param gcPauseSeconds its GC pauses meanwhile ({@code jvm_gc_pause_seconds_sum}); NaN if not reported
     */
    record Registry(Load pageBefore, Load proxyBefore, Load pageAfter, Load proxyAfter, double[] registrationMillis,
                    double registrationSeconds, double cpuSeconds, double allocatedBytes, double gcPauseSeconds, long rssBeforeKiB,
                    long rssAfterKiB) {
    }

    /** The static file's run: the machine's limit for one small answer, for scale; null when no composer load scenario ran. */
    Load staticFile;
    /** Each load scenario's runs, one per composer, in the order run. */
    final Map<LoadScenario, List<Load>> loads = new LinkedHashMap<>();
    final List<SlowOne> slowOne = new ArrayList<>();
    final List<DeadOne> deadOne = new ArrayList<>();
    final List<BreakerOpen> breakerOpen = new ArrayList<>();
    /** The unloaded page on every composer, then the slowest of its fragments from its origin. */
    final List<Unloaded> unloaded = new ArrayList<>();
    /** Null when {@code fast} did not run. */
    Memory memory;
    /** Null when {@code registry-1000} did not run. */
    Registry registry;

    /** The runs of the load scenario {@code name}, or null when it did not run. */
    List<Load> load(String name) {
        return loads.entrySet().stream().filter(e -> e.getKey().name().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
