package io.mosaic.fragments.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.fragments.DemoTable;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

@WebFluxTest(properties = "fragment.name=security")
@Import(SecurityPolicy.class)
class SecuritySettingsControllerTests {

    @Autowired
    private WebTestClient client;

    @Test
    void showsEachSettingWithItsCurrentValue() {
        Map<String, String> rows = fragment().select(".security-settings-row")
            .stream()
            .collect(Collectors.toMap((row) -> row.selectFirst("dt").text(), (row) -> row.selectFirst("dd").text()));
        assertThat(rows).containsOnlyKeys("Two-factor authentication", "Single sign-on (SAML)", "Session length",
                "Allowed email domains");
        assertThat(rows.get("Two-factor authentication")).startsWith("Required").contains("since 2 March 2026");
        assertThat(rows.get("Single sign-on (SAML)")).startsWith("Enabled").contains("Northwind Identity (SAML 2.0)");
        assertThat(rows.get("Session length")).startsWith("12 hours");
    }

    @Test
    void listsTheAllowedDomains() {
        assertThat(fragment().select(".security-settings-domains li").eachText())
            .containsExactly("northwind.chat", "northwind-labs.example");
    }

    @Test
    void isReadOnly() {
        assertThat(fragment().select("form, input, select, textarea, button, script")).isEmpty();
    }

    @Test
    void rootIsTheSecurityTeamsVersionedSection() {
        Element section = fragment();
        assertThat(section.hasClass("security-settings")).isTrue();
        assertThat(section.attr("data-version")).isEqualTo(DemoTable.version("security"));
        assertThat(section.selectFirst("h2").text()).isEqualTo("Security");
    }

    private Element fragment() {
        String html = this.client.get().uri("/fragment").exchange()
            .expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        return Jsoup.parseBodyFragment(html).body().child(0);
    }

}
