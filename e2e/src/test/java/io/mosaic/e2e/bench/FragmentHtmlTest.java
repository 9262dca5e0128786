package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FragmentHtmlTest {

    @Test
    void everyFragmentIsExactlyFourKilobytesDistinctAndEndsWithItsMarker() {
        Set<String> seen = new HashSet<>();
        for (int n = 1; n <= FragmentHtml.COUNT; n++) {
            String html = FragmentHtml.fragment(n);

            assertThat(html.getBytes(StandardCharsets.UTF_8)).hasSize(FragmentHtml.SIZE);
            assertThat(html).contains("<p id=\"f" + n + "-end\">");
            assertThat(html.indexOf(FragmentHtml.marker(n))).isGreaterThan(FragmentHtml.SIZE - 300);
            assertThat(seen.add(html)).isTrue();
        }
    }

    @Test
    void personalisedFragmentEchoesTheParameterBeforeItsEndMarker() {
        for (int n = 1; n <= FragmentHtml.COUNT; n++) {
            String ssi = FragmentHtml.personalised(n, "v");
            String echo = FragmentHtml.viewer("<!--# echo var=\"arg_v\" encoding=\"entity\" default=\"nobody\" -->");

            assertThat(ssi).contains(echo + "\n" + FragmentHtml.marker(n));
            assertThat(ssi.replace(echo + "\n", "")).isEqualTo(FragmentHtml.fragment(n));
        }
        assertThat(FragmentHtml.viewer("run-t1-7")).isEqualTo("<p class=\"widget-viewer\">Shown for run-t1-7</p>");
    }

    @Test
    void stylesheetIsAboutItsSize() {
        String css = FragmentHtml.stylesheet(1, 2048);

        assertThat(css.length()).isBetween(1800, 2048);
        assertThat(css).startsWith("/* Widget f1 */").endsWith("}\n");
    }

    @Test
    void manyAndLargeFragmentsHaveTheirExactSizeAndTheirOwnMarker() {
        Set<String> seen = new HashSet<>();
        for (int n = 1; n <= FragmentHtml.MANY; n++) {
            String html = FragmentHtml.fragment(n);

            assertThat(html.getBytes(StandardCharsets.UTF_8)).hasSize(FragmentHtml.SIZE);
            assertThat(html).contains(FragmentHtml.marker(n));
            assertThat(seen.add(html)).isTrue();
        }
        String large = FragmentHtml.fragment(3, FragmentHtml.LARGE_SIZE);
        assertThat(large.getBytes(StandardCharsets.UTF_8)).hasSize(FragmentHtml.LARGE_SIZE);
        assertThat(large.indexOf(FragmentHtml.marker(3))).isGreaterThan(FragmentHtml.LARGE_SIZE - 300);
        assertThat(large).doesNotContain("INV-2026--").doesNotContain("EUR -");
    }
}
