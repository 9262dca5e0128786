package io.mosaic.fragments.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.fragments.DemoTable;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

@WebFluxTest(properties = "fragment.name=audit")
@Import(AuditLog.class)
class AuditFeedControllerTests {

    @Autowired
    private WebTestClient client;

    @Test
    void showsTheEightMostRecentActionsNewestFirst() {
        Element section = fragment();
        List<Instant> times = section.select("li time").eachAttr("datetime").stream().map(Instant::parse).toList();
        assertThat(times).hasSize(8).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(times.get(0)).isEqualTo(Instant.parse("2026-11-28T10:47:00Z"));
        assertThat(times.get(7)).isEqualTo(Instant.parse("2026-11-22T02:13:00Z"));
    }

    @Test
    void eachActionSaysWhoDidWhatAndWhen() {
        Element newest = fragment().selectFirst("li");
        assertThat(newest.selectFirst(".security-audit-what").text()).isEqualTo("Lena Fischer downloaded invoice NW-2026-11");
        assertThat(newest.selectFirst("time").text()).isEqualTo("28 Nov, 10:47 UTC");
    }

    @Test
    void rootIsTheSecurityTeamsVersionedSection() {
        Element section = fragment();
        assertThat(section.hasClass("security-audit")).isTrue();
        assertThat(section.attr("data-version")).isEqualTo(DemoTable.version("audit"));
        assertThat(section.selectFirst("h2")).isNotNull();
    }

    private Element fragment() {
        String html = this.client.get().uri("/fragment").exchange()
            .expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        return Jsoup.parseBodyFragment(html).body().child(0);
    }

}
