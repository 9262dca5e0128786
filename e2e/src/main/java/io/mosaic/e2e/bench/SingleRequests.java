package io.mosaic.e2e.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Single requests, one after the other on a fresh connection each: {@value Options#SINGLE_WARMUPS} warm-ups, then the measured ones. */
final class SingleRequests {

    private SingleRequests() {
    }

    /** The {@value Options#SINGLE_RUNS} pages read after {@value Options#SINGLE_WARMUPS} warm-up requests. */
    static List<TimedPage> sample(URI url) {
        for (int i = 0; i < Options.SINGLE_WARMUPS; i++) {
            TimedPage.get(url);
        }
        List<TimedPage> pages = new ArrayList<>();
        for (int i = 0; i < Options.SINGLE_RUNS; i++) {
            pages.add(TimedPage.get(url));
        }
        return pages;
    }

    /** The median of {@code metric} over {@code pages}, NaN values (a marker that never came) left out; NaN if all are. */
    static double median(List<TimedPage> pages, ToDoubleFunction<TimedPage> metric) {
        return median(pages.stream().mapToDouble(metric).toArray());
    }

    static double median(double[] values) {
        double[] known = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (known.length == 0) {
            return Double.NaN;
        }
        int mid = known.length / 2;
        return known.length % 2 == 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
    }
}
