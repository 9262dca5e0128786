package io.mosaic.e2e.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * How long one request of the {@code fast} page takes when nothing else runs: {@value
 * Options#UNLOADED_RUNS} single requests per composer on a new connection each, and the same of
 * each of the page's fragments straight from its origin, all interleaved. The slowest fragment (by
 * median total) is the floor a composer that fetches in parallel can reach.
 */
final class UnloadedLatency {

    private static final int P90 = 90;

    private UnloadedLatency() {
    }

    /** One row per composer, then one for the page's slowest fragment from its origin. */
    static List<Results.Unloaded> measure(List<Composer> composers, PageSpec page, int warmUps) {
        List<URI> urls = new ArrayList<>();
        composers.forEach(composer -> urls.add(composer.url(page.path())));
        page.fragments().forEach(fragment -> urls.add(fragment.url()));
        List<List<TimedPage>> samples = SingleRequests.interleaved(urls, warmUps, Options.UNLOADED_RUNS);

        List<Results.Unloaded> rows = new ArrayList<>();
        for (int c = 0; c < composers.size(); c++) {
            List<TimedPage> sample = samples.get(c);
            int whole = (int) sample.stream().filter(answer -> WholePage.problem(answer, page) == null).count();
            rows.add(row(composers.get(c).name(), sample, whole));
        }
        Results.Unloaded slowest = null;
        for (int f = 0; f < page.fragments().size(); f++) {
            FragmentSpec fragment = page.fragments().get(f);
            List<TimedPage> sample = samples.get(composers.size() + f);
            int answered = (int) sample.stream().filter(answer -> answer.status() == 200).count();
            Results.Unloaded row = row("slowest fragment, " + fragment.name() + " from its origin", sample, answered);
            if (slowest == null || row.totalP50() > slowest.totalP50()) {
                slowest = row;
            }
        }
        rows.add(slowest);
        return rows;
    }

    private static Results.Unloaded row(String who, List<TimedPage> sample, int whole) {
        return new Results.Unloaded(who, SingleRequests.median(sample, TimedPage::firstBodyByteMillis),
                SingleRequests.percentile(sample, TimedPage::firstBodyByteMillis, P90), SingleRequests.median(sample, TimedPage::totalMillis),
                SingleRequests.percentile(sample, TimedPage::totalMillis, P90), whole, sample.size());
    }
}
