package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchPagesTest {

    private final BenchPages pages = BenchPages.of(
            IntStream.rangeClosed(1, 5).mapToObj(n -> URI.create("http://127.0.0.1:900" + n + "/f" + n + ".html")).toList(),
            URI.create("http://127.0.0.1:9100/slow"), URI.create("http://127.0.0.1:9100/hang"), URI.create("http://127.0.0.1:9200/closed.html"));

    @Test
    void deadPagesHaveTheirDeadFragmentsSecondAndFourthUnderTheirOwnNames() {
        assertThat(pages.deadOne().fragments()).extracting(FragmentSpec::name).containsExactly("f1", "hang", "f3", "closed", "f5");
        assertThat(pages.breakerOpen().fragments()).extracting(FragmentSpec::name).containsExactly("f1", "hang-b", "f3", "closed-b", "f5");
        assertThat(pages.deadOne().markers()).hasSize(3);
    }

    @Test
    void manifestGivesEachFragmentItsDeadlineAndBreaker() {
        String yaml = GatewayManifest.yaml(pages);

        assertThat(yaml).contains("  - name: slow\n    team: bench\n    url: http://127.0.0.1:9100/slow\n    timeout: 1000ms\n");
        assertThat(yaml).contains("  - name: hang-b\n    team: bench\n    url: http://127.0.0.1:9100/hang\n    timeout: 250ms\n"
                + "    fallback: '" + FragmentSpec.FALLBACK + "'\n    circuitBreaker: " + BenchPages.OPENS_QUICKLY + "\n");
        assertThat(yaml).contains("  - path: /slow-one\n    title: Slow one\n    layout: dashboard\n    slots:\n"
                + "      widgets: [f1, f2, slow, f4, f5]\n");
    }

    @Test
    void ssiPageIncludesEveryFragmentInOrderWithTheFallbackStub() {
        String widgets = NginxSsi.widgets(pages.slowOne());

        List<String> includes = List.of("/_f/f1", "/_f/f2", "/_f/slow", "/_f/f4", "/_f/f5");
        int at = -1;
        for (String include : includes) {
            int next = widgets.indexOf("<!--# include virtual=\"" + include + "\" stub=\"fallback\" -->");
            assertThat(next).isGreaterThan(at);
            at = next;
        }
    }
}
