package io.mosaic.fragments.billing;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.fragments.DemoTable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@WebFluxTest(properties = "fragment.name=billing")
@Import(BillingAccount.class)
class BillingControllerTests {

    @Autowired
    private WebTestClient client;

    @Test
    void summaryApiAnswersThePlanSeatsInvoiceAndPaymentMethod() {
        this.client.get().uri("/api/summary").exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectHeader().valueEquals("X-Fragment-Version", DemoTable.version("billing"))
            .expectBody()
            .json("""
                    {"plan": "Business+", "seats": {"used": 148, "total": 160},
                     "nextInvoice": {"date": "2026-12-01", "amount": "1,776.00", "currency": "EUR"},
                     "paymentMethod": "Visa ending 4242"}
                    """, true);
    }

    @Test
    void shellPointsTheScriptAtTheApiBehindTheGatewaysBasePath() {
        assertThat(fragment("/fragments/billing").attr("data-api")).isEqualTo("/fragments/billing/api/summary");
        assertThat(fragment(null).attr("data-api")).isEqualTo("/api/summary");
    }

    @Test
    void shellIsAVersionedSectionThatSaysItIsLoading() {
        Element section = fragment(null);
        assertThat(section.tagName()).isEqualTo("section");
        assertThat(section.hasClass("billing-summary")).isTrue();
        assertThat(section.attr("data-version")).isEqualTo(DemoTable.version("billing"));
        assertThat(section.selectFirst("h2").text()).isEqualTo("Billing");
        assertThat(section.selectFirst("p.billing-loading").text()).isEqualTo("Loading billing…");
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
