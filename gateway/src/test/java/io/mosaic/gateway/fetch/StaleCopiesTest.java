package io.mosaic.gateway.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.html.ParsedFragment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last good copies are bounded per fragment, so one fragment's flood of queries cannot flush another's. */
class StaleCopiesTest {

    static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    private static ParsedFragment html(String text) {
        return new ParsedFragment("<p>" + text + "</p>", List.of());
    }

    @Test
    void aFloodOfDistinctQueriesKeepsOnlyTheMostRecentVariantsOfThatFragment() {
        StaleCopies copies = new StaleCopies(32L * 1024 * 1024, 64);
        copies.put("audit", "http://audit/fragment", html("audit"), TEN_MINUTES);
        for (int i = 0; i < 5_000; i++) {
            copies.put("members", "http://members/fragment?q=" + i, html("result " + i), TEN_MINUTES);
        }
        assertThat(copies.variants("members")).isEqualTo(64);
        assertThat(copies.get("members", "http://members/fragment?q=4999")).isPresent();
        assertThat(copies.get("members", "http://members/fragment?q=4936")).isPresent();
        assertThat(copies.get("members", "http://members/fragment?q=4935")).isEmpty();
        assertThat(copies.get("audit", "http://audit/fragment")).map(aged -> aged.content().html()).hasValue("<p>audit</p>");
    }

    @Test
    void overTheByteBudgetTheFragmentHoldingMostGivesUpItsOwnOldestVariantsFirst() {
        String big = "x".repeat(4_000);
        // Room for about 20 copies of 12 KB in all: one fragment's 64 variants would not fit.
        StaleCopies copies = new StaleCopies(256 * 1024, 64);
        copies.put("audit", "http://audit/fragment", html(big), TEN_MINUTES);
        copies.put("billing", "http://billing/fragment", html(big), TEN_MINUTES);
        for (int i = 0; i < 3_000; i++) {
            copies.put("members", "http://members/fragment?q=" + i, html(big + i), TEN_MINUTES);
        }
        assertThat(copies.bytes()).isLessThanOrEqualTo(256 * 1024);
        assertThat(copies.get("audit", "http://audit/fragment")).isPresent();
        assertThat(copies.get("billing", "http://billing/fragment")).isPresent();
        assertThat(copies.get("members", "http://members/fragment?q=2999")).isPresent();
        assertThat(copies.variants("members")).isBetween(1, 20);
    }

    @Test
    void aCopyOlderThanItsStaleForIsGone() throws Exception {
        StaleCopies copies = new StaleCopies(1024 * 1024, 64);
        copies.put("audit", "http://audit/fragment", html("audit"), Duration.ofMillis(50));
        assertThat(copies.get("audit", "http://audit/fragment")).isPresent();
        Thread.sleep(80);
        assertThat(copies.get("audit", "http://audit/fragment")).isEmpty();
        assertThat(copies.bytes()).isZero();
    }
}
