package io.mosaic.e2e.bench;

import java.util.ArrayList;
import java.util.List;

/** The figures of each scenario, per composer. Times in milliseconds. */
final class Results {

    /** {@code fast}: a wrk run on the page of five fast fragments. */
    record Fast(String composer, WrkResult wrk, double cpuMicrosPerPage, long failedFragments, int pageBytes) {
    }

    /**
     * {@code slow-one}: medians of single requests of the page whose 3rd fragment takes 200 ms.
     *
     * @param earlyRuns in how many runs fragment 2 had fully arrived at least 100 ms before the slow one
     */
    record SlowOne(String composer, double firstByte, double secondEnd, double slowEnd, double total, int earlyRuns, int runs) {
    }

    /** {@code dead-one}: single requests of the page whose 2nd fragment hangs and whose 4th origin refuses connections. */
    record DeadOne(String composer, double total, String statuses, int healthyMin, int healthyMax, int healthyOf) {
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

    final List<Fast> fast = new ArrayList<>();
    final List<SlowOne> slowOne = new ArrayList<>();
    final List<DeadOne> deadOne = new ArrayList<>();
    final List<BreakerOpen> breakerOpen = new ArrayList<>();
    Memory memory;
}
