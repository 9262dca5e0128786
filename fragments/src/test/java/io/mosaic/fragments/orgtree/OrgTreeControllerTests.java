package io.mosaic.fragments.orgtree;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.fragments.DemoTable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

@WebFluxTest(properties = "fragment.name=org-tree")
@Import(OrgChart.class)
class OrgTreeControllerTests {

    @Autowired
    private WebTestClient client;

    @Test
    void pointsTheComponentAtTheApiBehindTheGatewaysBasePath() {
        Element section = fragment("/fragments/org-tree");
        assertThat(section.selectFirst("org-tree").attr("data-api")).isEqualTo("/fragments/org-tree/api/org");
    }

    @Test
    void pointsTheComponentAtTheOriginsApiWithoutABasePath() {
        assertThat(fragment(null).selectFirst("org-tree").attr("data-api")).isEqualTo("/api/org");
    }

    @Test
    void ignoresABasePathThatIsNotAPlainPath() {
        assertThat(fragment("javascript:alert(1)//").selectFirst("org-tree").attr("data-api")).isEqualTo("/api/org");
    }

    @Test
    void isASectionWithAHeadingTheComponentAndANoScriptSummary() {
        Element section = fragment(null);
        assertThat(section.tagName()).isEqualTo("section");
        assertThat(section.hasClass("people-org-tree")).isTrue();
        assertThat(section.attr("data-version")).isEqualTo(DemoTable.version("org-tree"));
        assertThat(section.children()).extracting(Element::tagName).containsExactly("h2", "org-tree", "noscript");
        assertThat(section.selectFirst("h2").text()).isEqualTo("Organisation");
        assertThat(section.selectFirst("noscript").text()).contains("5 departments, 148 people");
    }

    private Element fragment(String basePath) {
        String html = this.client.get()
            .uri("/fragment")
            .headers((headers) -> {
                if (basePath != null) {
                    headers.set("X-Fragment-Base-Path", basePath);
                }
            })
            .exchange()
            .expectStatus().isOk()
            .expectBody(String.class).returnResult().getResponseBody();
        return Jsoup.parseBodyFragment(html).body().child(0);
    }

}
