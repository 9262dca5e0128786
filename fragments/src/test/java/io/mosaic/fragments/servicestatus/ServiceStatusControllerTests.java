package io.mosaic.fragments.servicestatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

@WebFluxTest(properties = "fragment.name=service-status")
@Import(StatusBoard.class)
class ServiceStatusControllerTests {

    @Autowired
    private WebTestClient client;

    @Test
    void showsEachServiceWithItsStateAndUptime() {
        assertThat(rows().eachText()).containsExactly(
                "Messaging ✓ Operational 99.98%",
                "Calls ! Degraded Some calls in Europe take longer to connect. 99.41%",
                "File sharing ✓ Operational 99.95%",
                "Search ✓ Operational 99.90%");
    }

    @Test
    void stateReadsWithoutColourAsAWordAndAnIconOfItsOwnShape() {
        for (Element row : rows()) {
            Element icon = row.selectFirst(".insights-service-status-icon");
            Element word = row.selectFirst(".insights-service-status-word");
            ServiceState state = ServiceState.valueOf(word.text().toUpperCase(Locale.ROOT));
            assertThat(icon.text()).isEqualTo(state.icon());
            // The word speaks; the icon only repeats it for the eye.
            assertThat(icon.attr("aria-hidden")).isEqualTo("true");
            assertThat(row.hasClass(state.modifier())).isTrue();
        }
    }

    @Test
    void aServiceThatIsNotOperationalSaysWhatUsersNotice() {
        Element calls = rows().stream().filter((row) -> row.selectFirst("th").text().equals("Calls")).findFirst().orElseThrow();
        assertThat(calls.selectFirst(".insights-service-status-note").text()).isEqualTo("Some calls in Europe take longer to connect.");
        assertThat(rows().select(".insights-service-status-note")).hasSize(1);
    }

    @Test
    void summarySaysHowManyServicesAreOperational() {
        assertThat(fragment().selectFirst(".insights-service-status-summary").text()).isEqualTo("3 of 4 services operational");
    }

    @Test
    void tableHasHeadersForEveryColumn() {
        assertThat(fragment().select("thead th[scope=col]").eachText()).containsExactly("Service", "State", "Uptime, 30 days");
    }

    @Test
    void isReadOnly() {
        assertThat(fragment().select("form, input, select, textarea, button, script")).isEmpty();
    }

    @Test
    void rootIsTheInsightsTeamsVersionedSection() {
        Element section = fragment();
        assertThat(section.hasClass("insights-service-status")).isTrue();
        assertThat(section.attr("data-version")).isEqualTo("1.0.0");
        assertThat(section.selectFirst("h2").text()).isEqualTo("Service status");
    }

    private Elements rows() {
        return fragment().select("tbody tr");
    }

    private Element fragment() {
        String html = this.client.get().uri("/fragment").exchange()
            .expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        return Jsoup.parseBodyFragment(html).body().child(0);
    }

}
