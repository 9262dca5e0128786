package io.mosaic.fragments.nav;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.fragments.DemoTable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

@WebFluxTest(properties = "fragment.name=nav")
@Import(NavMenu.class)
class NavControllerTests {

    @Autowired
    private WebTestClient client;

    @Test
    void linksEverySectionWithRootRelativePagePaths() {
        Elements links = fragment(null).select("a");
        assertThat(links).extracting(Element::text)
            .containsExactly("Dashboard", "Members", "Organisation", "Security", "Billing");
        assertThat(links).extracting((link) -> link.attr("href"))
            .containsExactly("/admin", "/admin/members", "/admin/organisation", "/admin/security", "/admin/billing");
    }

    @Test
    void marksTheLinkOfThePageBeingComposed() {
        assertThat(currentLinks("/admin/security")).containsExactly("Security");
    }

    @Test
    void marksTheSectionOnItsSubPagesAndIgnoresQueryAndTrailingSlash() {
        assertThat(currentLinks("/admin/members/alice.moreau")).containsExactly("Members");
        assertThat(currentLinks("/admin/billing/?tab=invoices")).containsExactly("Billing");
    }

    @Test
    void marksTheDashboardOnlyOnItsOwnPath() {
        assertThat(currentLinks("/admin")).containsExactly("Dashboard");
        assertThat(currentLinks("/admin/members")).containsExactly("Members");
        assertThat(currentLinks("/administrators")).isEmpty();
    }

    @Test
    void marksNothingWithoutAPagePath() {
        assertThat(currentLinks(null)).isEmpty();
    }

    @Test
    void rootIsThePlatformTeamsVersionedNavigation() {
        Element root = fragment("/admin").child(0);
        assertThat(root.tagName()).isEqualTo("nav");
        assertThat(root.hasClass("platform-nav")).isTrue();
        assertThat(root.attr("data-version")).isEqualTo(DemoTable.version("nav"));
        assertThat(root.attr("aria-label")).isNotBlank();
    }

    @Test
    void letsTheGatewayKeepTheMenuPerPage() {
        this.client.get().uri("/fragment").header("X-Page-Path", "/admin").exchange()
            .expectStatus().isOk()
            .expectHeader().valueEquals("Cache-Control", "max-age=60, stale-while-revalidate=300")
            .expectHeader().valueEquals("Vary", "X-Page-Path");
    }

    private Iterable<String> currentLinks(String pagePath) {
        return fragment(pagePath).select("a[aria-current=page]").eachText();
    }

    private Element fragment(String pagePath) {
        String html = this.client.get()
            .uri("/fragment")
            .headers((headers) -> {
                if (pagePath != null) {
                    headers.set("X-Page-Path", pagePath);
                }
            })
            .exchange()
            .expectStatus().isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
        return Jsoup.parseBodyFragment(html).body();
    }

}
