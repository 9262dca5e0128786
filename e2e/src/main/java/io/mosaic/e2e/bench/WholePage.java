package io.mosaic.e2e.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether a composed page is whole, and waiting until it is: every scenario measures from a steady
 * state, and says how long reaching it took.
 */
final class WholePage {

    /** How long a composer may take to serve a page whole again: after a cold start, or until breakers opened by load close. */
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Pattern BOX = Pattern.compile("<div class=\"mosaic-fragment\"[^>]*>");

    private final Report report;

    WholePage(Report report) {
        this.report = report;
    }

    /**
     * Requests {@code page} ({@link PageSpec#checkPath()}), one request at a time, until it is whole
     * (see {@link #problem}). A cold JVM's first fetches may miss the 250 ms deadlines, and load may
     * have opened breakers, which then need {@code openFor} and successful probes to close. Fails
     * when the page is not whole within {@link #WITHIN}. Returns the body's size.
     */
    int await(Composer composer, PageSpec page, String when) {
        URI url = composer.url(page.checkPath());
        long started = System.nanoTime();
        long deadline = started + WITHIN.toNanos();
        int requests = 0;
        while (true) {
            TimedPage answer = TimedPage.get(url, page.checkHeaders());
            requests++;
            String problem = problem(answer, page);
            if (problem == null) {
                if (requests > 1) {
                    report.progress(String.format(Locale.ROOT, "%s: %s was not whole %s; whole again after %d requests in %.1f s",
                            composer.name(), page.checkPath(), when, requests, (System.nanoTime() - started) / 1e9));
                }
                return answer.bodyBytes();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(composer.name() + "'s " + url + " is not whole " + when + ", still after " + requests
                        + " requests in " + WITHIN.toSeconds() + " s: " + problem + "\n" + composer.diagnosis());
            }
            Sleep.millis(200);
        }
    }

    /**
     * What is wrong with a page that should be whole, or null: a status other than 200, a missing
     * fragment end marker, a fragment that should echo the checking request's query value
     * ({@link PageSpec#CHECK_VALUE}) without it, a fallback anywhere but in place of the fragments
     * whose origins never answer, or a box in a stale or error state.
     */
    static String problem(TimedPage answer, PageSpec page) {
        if (answer.status() != 200) {
            return "status " + answer.status();
        }
        List<String> missing = page.markers().stream().filter(m -> !answer.body().contains(m)).toList();
        if (!missing.isEmpty()) {
            return "missing fragment end markers " + missing;
        }
        int echoes = occurrences(answer.body(), FragmentHtml.viewer(PageSpec.CHECK_VALUE));
        if (echoes != page.echoingFragments()) {
            return echoes + " of " + page.echoingFragments() + " fragments show the query's value "
                    + FragmentHtml.viewer(PageSpec.CHECK_VALUE) + " (their origins echo it; was it passed on?)";
        }
        // The fragments whose origins never answer show the fallback, every composer alike; no other does.
        int unhealthy = (int) page.fragments().stream().filter(f -> !f.healthy()).count();
        int fallbacks = occurrences(answer.body(), FragmentSpec.FALLBACK);
        if (fallbacks != unhealthy) {
            return fallbacks + " fallbacks shown where " + unhealthy + " fragments never answer: " + boxes(answer.body());
        }
        // The gateway marks each box with its outcome (the layout's CSS names the states too, hence the '>').
        for (String state : List.of("stale", "fallback", "error")) {
            int boxes = occurrences(answer.body(), "data-fragment-state=\"" + state + "\">");
            if (boxes > (state.equals("fallback") ? unhealthy : 0)) {
                return boxes + " fragment boxes in state " + state + ": " + boxes(answer.body());
            }
        }
        return null;
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    /** The opening tags of the page's fragment boxes, which name each fragment and its outcome. */
    private static String boxes(String body) {
        return BOX.matcher(body).results().map(MatchResult::group).collect(Collectors.joining(" "));
    }
}
