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
}
