package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchPagesTest {

    private final BenchPages pages = BenchPages.of(new OriginUrls(origins(20, "/f%d.html"), origins(5, "/f%d-100k.html"),
                    origins(5, "/cached/f%d.html")),
            URI.create("http://127.0.0.1:9100/slow"), URI.create("http://127.0.0.1:9100/hang"), URI.create("http://127.0.0.1:9200/closed.html"));

    private static List<URI> origins(int count, String path) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> URI.create("http://127.0.0.1:" + (9000 + n) + String.format(path, n))).toList();
    }

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
        String widgets = IncludePage.widgets(pages.slowOne(), NginxSsi::include);

        assertInOrder(widgets, List.of("f1", "f2", "slow", "f4", "f5"), name -> "<div class=\"mosaic-fragment\" data-fragment=\"" + name
                + "\"><!--# include virtual=\"/_f/" + name + "\" stub=\"fallback\" --></div>");
    }

    @Test
    void esiPageIncludesEveryFragmentInOrderInTheSameBoxes() {
        String widgets = IncludePage.widgets(pages.deadOne(), VarnishEsi::include);

        assertInOrder(widgets, List.of("f1", "hang", "f3", "closed", "f5"), name -> "<div class=\"mosaic-fragment\" data-fragment=\""
                + name + "\"><esi:include src=\"/_f/" + name + "\"/></div>");
    }

    @Test
    void scalingAndCachedPagesHaveTheirFragmentsEachWithItsOwnMarker() {
        assertThat(pages.fast20().fragments()).hasSize(20).extracting(FragmentSpec::url).doesNotHaveDuplicates();
        assertThat(pages.fast20().markers()).doesNotHaveDuplicates().hasSize(20);
        assertThat(pages.fast100k().fragments()).extracting(f -> f.url().getPath())
                .containsExactly("/f1-100k.html", "/f2-100k.html", "/f3-100k.html", "/f4-100k.html", "/f5-100k.html");
        assertThat(pages.cached().fragments()).allMatch(FragmentSpec::cacheable).extracting(FragmentSpec::maxAge)
                .containsOnly(BenchPages.MAX_AGE);
        assertThat(pages.fast().fragments()).noneMatch(FragmentSpec::cacheable);
    }

    @Test
    void varnishBackendHasTheFragmentsDeadlineForEachPhase() {
        assertThat(VarnishEsi.backend(pages.slowOne().fragments().get(2))).isEqualTo("""
                backend fragment_slow {
                    .host = "127.0.0.1";
                    .port = "9100";
                    .connect_timeout = 1000ms;
                    .first_byte_timeout = 1000ms;
                    .between_bytes_timeout = 1000ms;
                }
                """);
    }

    private static void assertInOrder(String html, List<String> names, Function<String, String> box) {
        int at = -1;
        for (String name : names) {
            int next = html.indexOf(box.apply(name));
            assertThat(next).as(name).isGreaterThan(at);
            at = next;
        }
    }
}
