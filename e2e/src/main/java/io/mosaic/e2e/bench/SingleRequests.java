package io.mosaic.e2e.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Single requests, one after the other on a fresh connection each: a few warm-ups, then the measured ones. */
final class SingleRequests {

    private SingleRequests() {
    }

    /** {@code runs} pages read after {@code warmUps} warm-up requests. */
    static List<TimedPage> sample(URI url, int warmUps, int runs) {
        return interleaved(List.of(url), warmUps, runs).get(0);
    }

    /**
     * {@code runs} pages of each URL, after {@code warmUps} warm-up requests of each: one round requests every URL once, in order, so that a disturbance of the machine
     * falls on all of them alike rather than on whichever was measured then. The result's
     * {@code i}th list is {@code urls}' {@code i}th.
     */
    static List<List<TimedPage>> interleaved(List<URI> urls, int warmUps, int runs) {
        for (int i = 0; i < warmUps; i++) {
            urls.forEach(TimedPage::get);
        }
        List<List<TimedPage>> pages = new ArrayList<>();
        urls.forEach(url -> pages.add(new ArrayList<>()));
        for (int i = 0; i < runs; i++) {
            for (int u = 0; u < urls.size(); u++) {
                pages.get(u).add(TimedPage.get(urls.get(u)));
            }
        }
        return pages;
    }

    /** The median of {@code metric} over {@code pages}, NaN values (a marker that never came) left out; NaN if all are. */
    static double median(List<TimedPage> pages, ToDoubleFunction<TimedPage> metric) {
        return median(pages.stream().mapToDouble(metric).toArray());
    }

    static double median(double[] values) {
        double[] known = known(values);
        if (known.length == 0) {
            return Double.NaN;
        }
        int mid = known.length / 2;
        return known.length % 2 == 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
    }

    /** The {@code percent}th percentile of {@code metric} over {@code pages} by nearest rank (p90 of 41: the 37th). */
    static double percentile(List<TimedPage> pages, ToDoubleFunction<TimedPage> metric, int percent) {
        return percentile(pages.stream().mapToDouble(metric).toArray(), percent);
    }

    static double percentile(double[] values, int percent) {
        double[] known = known(values);
        if (known.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * known.length);
        return known[Math.max(0, rank - 1)];
    }

    private static double[] known(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    }
}
