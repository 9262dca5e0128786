package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The counters read off varnishstat and nginx's stub_status. */
class ComposerStatsTest {

    @Test
    void readsOneVarnishCounter() {
        String out = """
                MAIN.fetch_failed                      4         2.00 Fetch failed (all causes)
                MAIN.fetch_no_thread                   0         0.00 Fetch failed (no thread)
                """;

        assertThat(Varnish.counter(out, "MAIN.fetch_failed")).isEqualTo(4);
        assertThatThrownBy(() -> Varnish.counter(out, "MAIN.fetch")).hasMessageContaining("no MAIN.fetch");
    }

    @Test
    void readsTheRequestsOfAStubStatusPage() {
        String page = "Active connections: 3 \nserver accepts handled requests\n 17 17 5021 \nReading: 0 Writing: 1 Waiting: 2 \n";

        assertThat(StaticOrigins.stubStatusRequests(page)).isEqualTo(5021);
    }
}
