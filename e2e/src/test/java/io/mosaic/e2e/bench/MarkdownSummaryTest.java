package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownSummaryTest {

    private static final PageSpec PAGE = new PageSpec("/p", "P", List.of());

    private static Results.Load load(String composer, double requestsPerSecond, double cpu) {
        return new Results.Load(composer, new WrkResult(1000, 10, requestsPerSecond, 1, 2, 3, 0, 0), cpu, 0, 5, 4096);
    }

    private static LoadScenario scenario(String name) {
        return new LoadScenario(name, PAGE, "", Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void putsTheTunedPeerBesideNginxAndLeavesTheCellsOfComposersAScenarioDidNotRunEmpty() {
        Results results = new Results();
        results.loads.put(scenario("fast"), List.of(load("gateway", 6000, 200), load("nginx-ssi", 3000, 250), load("varnish-esi", 1200, 1000)));
        results.loads.put(scenario("personalised"), List.of(load("gateway", 2000, 500), load("nginx-ssi", 4000, 200),
                load("nginx-ssi-tuned", 5000, 160), load("varnish-esi", 1000, 1000)));

        String md = MarkdownSummary.of(results);

        assertThat(MarkdownSummary.composers(results)).containsExactly("gateway", "nginx-ssi", "nginx-ssi-tuned", "varnish-esi");
        assertThat(md).contains("| scenario | figure | gateway | nginx-ssi | nginx-ssi-tuned | varnish-esi | gateway / nginx-ssi"
                + " | gateway / nginx-ssi-tuned | gateway / varnish-esi |\n");
        assertThat(md).contains("| fast | requests/s | 6000 | 3000 |  | 1200 | 2.00 |  | 5.00 |\n");
        assertThat(md).contains("| personalised | requests/s | 2000 | 4000 | 5000 | 1000 | 0.50 | 0.40 | 2.00 |\n");
        assertThat(md).contains("| personalised | CPU per page (µs) | 500 | 200 | 160 | 1000 | 2.50 | 3.13 | 0.50 |\n");
        // Scenarios that did not run print no rows, and no static file line without its run.
        assertThat(md).doesNotContain("slow-one").doesNotContain("unloaded").doesNotContain("memory").doesNotContain("Static file");
    }

    @Test
    void registryRowsAreTheGatewaysBeforeAndAfter() {
        Results results = new Results();
        double[] millis = new double[1000];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = i;
        }
        results.registry = new Results.Registry(load("gateway", 6000, 200), load("gateway", 9000, 100), load("gateway", 5900, 204),
                load("gateway", 9000, 101), millis, 120.5, 100, 8e10, 60, 280 * 1024, 340 * 1024);

        String md = MarkdownSummary.of(results);

        assertThat(md).contains("| scenario | figure | gateway |\n| --- | --- | ---: |\n");
        assertThat(md).contains("| registry-1000 | 1000 registrations: total (s); median, first 100, last 100 (ms) | 120.5; 500, 50, 950 |\n");
        assertThat(md).contains("| registry-1000 | /fast requests/s before → after | 6000 → 5900 (0.98) |\n");
        assertThat(md).contains("| registry-1000 | proxied asset CPU per call (µs) before → after | 100 → 101 |\n");
    }
}
