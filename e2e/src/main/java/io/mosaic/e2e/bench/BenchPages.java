package io.mosaic.e2e.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The pages of the benchmark, one per scenario, and their fragments: the single description from
 * which the gateway manifest, the nginx SSI config and the Varnish VCL are generated.
 */
record BenchPages(PageSpec fast, PageSpec slowOne, PageSpec deadOne, PageSpec breakerOpen, PageSpec hanging, PageSpec cached,
                  PageSpec fast20, PageSpec fast100k, PageSpec fastDistinct, PageSpec fastDistinctUser, PageSpec personalised) {

    static final Duration TIMEOUT = Duration.ofMillis(250);
    /** The slow fragment's deadline: long enough for its 200 ms answer. */
    static final Duration SLOW_TIMEOUT = Duration.ofSeconds(1);
    /** A breaker that cannot open within the scenario, so that every request waits for the deadline. */
    static final String NEVER_OPENS = "{minimumCalls: 1000, window: 1000}";
    /** A breaker that opens after two failed calls and stays open for the rest of the run. */
    static final String OPENS_QUICKLY = "{failureRate: 50, window: 4, minimumCalls: 2, openFor: 60s}";
    /** The hanging fragment's deadline in {@code hanging}: the performance issue's 500 ms. */
    static final Duration HANG_TIMEOUT = Duration.ofMillis(500);
    /**
     * {@code hanging}'s breaker: opens after 5 calls of which half failed, and lets 2 probes through
     * every 2 s, so that a 10 s run has several half-open spells, during which pages must not wait.
     */
    static final String PROBES_OFTEN = "{failureRate: 50, window: 10, minimumCalls: 5, openFor: 2s, halfOpenCalls: 2}";
    /** What the caching origins send: {@code Cache-Control: max-age=2}. */
    static final Duration MAX_AGE = Duration.ofSeconds(2);
    /**
     * The query parameter that differs on every request of {@code fast-distinct}, and that its
     * fragments pass on to their origins: every page needs its fragments' origins anew.
     */
    static final String DISTINCT_PARAMETER = "r";
    /**
     * The query parameter of the {@code personalised} page: new on every request, passed on to
     * every fragment's origin, which writes it into its answer ({@code $arg_v}).
     */
    static final String PERSONAL_PARAMETER = "v";
    /** The cookie that tells {@code fast-distinct-user}'s users apart; its fragments declare it in {@code forward.cookies}. */
    static final String USER_COOKIE = "user";
    /**
     * The origin path prefix the gateway proxies for {@code fast}'s first fragment: the proxied
     * call of {@code registry-1000} is {@link #proxiedAsset()}. Nothing in the fragments' HTML is
     * under it, so the pages are the same bytes with or without it.
     */
    static final String PROXY_PREFIX = "/" + StaticOrigins.ASSET_DIR;

    static BenchPages of(OriginUrls origins, URI slow, URI hang, URI closed) {
        List<FragmentSpec> fast = numbered(FragmentHtml.COUNT, n -> {
            FragmentSpec fragment = FragmentSpec.healthy("f" + n, origins.small().get(n - 1), n);
            return n == 1 ? fragment.proxying(PROXY_PREFIX) : fragment;
        });
        FragmentSpec slowOne = new FragmentSpec("slow", slow, SLOW_TIMEOUT, null, FragmentHtml.marker(JavaOrigin.SLOW_FRAGMENT), null);
        return new BenchPages(
                new PageSpec("/fast", "Fast", fast),
                new PageSpec("/slow-one", "Slow one", replace(fast, 3, slowOne)),
                new PageSpec("/dead-one", "Dead one", replace(replace(fast, 2,
                        new FragmentSpec("hang", hang, TIMEOUT, NEVER_OPENS, null, null)), 4,
                        new FragmentSpec("closed", closed, TIMEOUT, NEVER_OPENS, null, null))),
                new PageSpec("/breaker-open", "Breaker open", replace(replace(fast, 2,
                        new FragmentSpec("hang-b", hang, TIMEOUT, OPENS_QUICKLY, null, null)), 4,
                        new FragmentSpec("closed-b", closed, TIMEOUT, OPENS_QUICKLY, null, null))),
                // fast's page with its 3rd fragment hanging: under load, behind a breaker that keeps probing.
                new PageSpec("/hanging", "One hanging", replace(fast, 3,
                        new FragmentSpec("hang-l", hang, HANG_TIMEOUT, PROBES_OFTEN, null, null))),
                new PageSpec("/cached", "Cached", numbered(FragmentHtml.COUNT, n -> new FragmentSpec("c" + n,
                        origins.cached().get(n - 1), TIMEOUT, null, FragmentHtml.marker(n), MAX_AGE))),
                new PageSpec("/fast-20", "Fast, 20 fragments", numbered(FragmentHtml.MANY,
                        n -> n <= FragmentHtml.COUNT ? fast.get(n - 1) : FragmentSpec.healthy("f" + n, origins.small().get(n - 1), n))),
                new PageSpec("/fast-100k", "Fast, 100 KB fragments", numbered(FragmentHtml.COUNT,
                        n -> FragmentSpec.healthy("l" + n, origins.large().get(n - 1), n))),
                // fast's fragments under their own names, each passing the page's r on to its origin.
                new PageSpec("/fast-distinct", "Fast, distinct queries", numbered(FragmentHtml.COUNT,
                        n -> FragmentSpec.healthy("d" + n, origins.small().get(n - 1), n).forwarding(DISTINCT_PARAMETER)),
                        DISTINCT_PARAMETER),
                // fast-distinct's page once more, its fragments also receiving the user's cookie; one user per connection.
                new PageSpec("/fast-distinct-user", "Fast, distinct queries, a user per connection", numbered(FragmentHtml.COUNT,
                        n -> FragmentSpec.healthy("u" + n, origins.small().get(n - 1), n).forwarding(DISTINCT_PARAMETER)
                                .forwardingCookie(USER_COOKIE)), DISTINCT_PARAMETER, USER_COOKIE),
                // Every answer new: each origin writes the page's v, new on every request, into its fragment.
                new PageSpec("/personalised", "Personalised", numbered(FragmentHtml.COUNT,
                        n -> FragmentSpec.healthy("p" + n, origins.personal().get(n - 1), n).forwarding(PERSONAL_PARAMETER).echoing()),
                        PERSONAL_PARAMETER));
    }

    List<PageSpec> all() {
        return List.of(fast, slowOne, deadOne, breakerOpen, hanging, cached, fast20, fast100k, fastDistinct, fastDistinctUser,
                personalised);
    }

    /** The gateway's path of the proxied call of {@code registry-1000}: fragment 1's stylesheet through its proxy. */
    String proxiedAsset() {
        FragmentSpec first = fast.fragments().get(0);
        return "/fragments/" + first.name() + first.proxyPrefix() + "/" + first.name() + ".css";
    }

    /** Every fragment of every page, once, in order of first use. */
    List<FragmentSpec> fragments() {
        Map<String, FragmentSpec> byName = new LinkedHashMap<>();
        all().forEach(page -> page.fragments().forEach(f -> byName.putIfAbsent(f.name(), f)));
        return List.copyOf(byName.values());
    }

    private static List<FragmentSpec> numbered(int count, IntFunction<FragmentSpec> fragment) {
        return IntStream.rangeClosed(1, count).mapToObj(fragment).toList();
    }

    /** {@code fragments} with the {@code n}th (1-based) replaced. */
    private static List<FragmentSpec> replace(List<FragmentSpec> fragments, int n, FragmentSpec by) {
        List<FragmentSpec> copy = new ArrayList<>(fragments);
        copy.set(n - 1, by);
        return List.copyOf(copy);
    }
}
