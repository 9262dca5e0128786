package io.mosaic.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RefusalLogTest {

    private final List<String> lines = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong(1_000_000_000L);
    private final RefusalLog refusals = new RefusalLog(lines::add, 10, clock::get);

    @Test
    void logsTheFirstRefusalThenOneLinePerIntervalWithTheCountInBetween() {
        refusals.refused("billing", "breaker open", "stale");
        refusals.refused("billing", "breaker open", "stale");
        refusals.refused("billing", "breaker open", "stale");
        assertThat(lines).containsExactly("fragment billing: breaker open, origin not called; serving stale");

        clock.addAndGet(11);
        refusals.refused("billing", "breaker open", "fallback");
        assertThat(lines).hasSize(2)
                .last().isEqualTo("fragment billing: breaker open, origin not called; serving fallback (2 more refused since the last line)");
    }

    @Test
    void eachFragmentHasItsOwnInterval() {
        refusals.refused("billing", "breaker open", "stale");
        refusals.refused("members", "bulkhead full", "fallback");
        assertThat(lines).hasSize(2);
    }
}
