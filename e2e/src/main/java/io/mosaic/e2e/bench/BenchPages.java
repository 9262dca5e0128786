package io.mosaic.e2e.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four pages of the benchmark, one per scenario, and their fragments: the single description
 * from which both the gateway manifest and the nginx SSI config are generated.
 */
record BenchPages(PageSpec fast, PageSpec slowOne, PageSpec deadOne, PageSpec breakerOpen) {

    static final Duration TIMEOUT = Duration.ofMillis(250);
    /** The slow fragment's deadline: long enough for its 200 ms answer. */
    static final Duration SLOW_TIMEOUT = Duration.ofSeconds(1);
    /** A breaker that cannot open within the scenario, so that every request waits for the deadline. */
    static final String NEVER_OPENS = "{minimumCalls: 1000, window: 1000}";
    /** A breaker that opens after two failed calls and stays open for the rest of the run. */
    static final String OPENS_QUICKLY = "{failureRate: 50, window: 4, minimumCalls: 2, openFor: 60s}";

    static BenchPages of(List<URI> fastOrigins, URI slow, URI hang, URI closed) {
        List<FragmentSpec> fast = new ArrayList<>();
        for (int n = 1; n <= FragmentHtml.COUNT; n++) {
            fast.add(new FragmentSpec("f" + n, fastOrigins.get(n - 1), TIMEOUT, null, FragmentHtml.marker(n)));
        }
        FragmentSpec slowOne = new FragmentSpec("slow", slow, SLOW_TIMEOUT, null, FragmentHtml.marker(JavaOrigin.SLOW_FRAGMENT));
        return new BenchPages(
                new PageSpec("/fast", "Fast", fast),
                new PageSpec("/slow-one", "Slow one", replace(fast, 3, slowOne)),
                new PageSpec("/dead-one", "Dead one", replace(replace(fast, 2,
                        new FragmentSpec("hang", hang, TIMEOUT, NEVER_OPENS, null)), 4,
                        new FragmentSpec("closed", closed, TIMEOUT, NEVER_OPENS, null))),
                new PageSpec("/breaker-open", "Breaker open", replace(replace(fast, 2,
                        new FragmentSpec("hang-b", hang, TIMEOUT, OPENS_QUICKLY, null)), 4,
                        new FragmentSpec("closed-b", closed, TIMEOUT, OPENS_QUICKLY, null))));
    }

    List<PageSpec> all() {
        return List.of(fast, slowOne, deadOne, breakerOpen);
    }

    /** Every fragment of every page, once, in order of first use. */
    List<FragmentSpec> fragments() {
        Map<String, FragmentSpec> byName = new LinkedHashMap<>();
        all().forEach(page -> page.fragments().forEach(f -> byName.putIfAbsent(f.name(), f)));
        return List.copyOf(byName.values());
    }

    /** {@code fragments} with the {@code n}th (1-based) replaced. */
    private static List<FragmentSpec> replace(List<FragmentSpec> fragments, int n, FragmentSpec by) {
        List<FragmentSpec> copy = new ArrayList<>(fragments);
        copy.set(n - 1, by);
        return List.copyOf(copy);
    }
}
