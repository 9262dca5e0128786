package io.mosaic.gateway.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.TestOrigin;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The control of {@link OriginRebindingTest}: the same manifest, the same DNS answers and the
 * same calls, with the operator allowing the origins ({@code mosaic.registry.allowed-origins}).
 * Every call reaches the origin on loopback, so the refusals there come from the origin policy,
 * not from a setup that could not have connected anyway.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OriginAllowedTest {

    static final TestOrigin ORIGIN = new TestOrigin()
            .html("/rebound", "<p class=\"internal\">Internal service</p>")
            .html("/literal", "<p class=\"internal\">Internal service</p>")
            .html("/api/items", "[\"internal\"]")
            .html("/internal/items", "[\"internal\"]");
    static final RebindingDns DNS = new RebindingDns();

    @TestConfiguration(proxyBeanMethods = false)
    static class RegisteredFragments {

        @Bean
        @Primary
        HostResolver rebindingDns() {
            return DNS;
        }

        @Bean
        @Primary
        TrustedOrigins noTrustedOrigins() {
            return Set::of;
        }
    }

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) {
        registry.add("mosaic.manifest", () -> OriginRebindingTest.RebindingManifest.write(ORIGIN.port()));
        registry.add("mosaic.registry.allowed-origins", () -> String.join(",",
                "http://page.rebind.test:" + ORIGIN.port(), "http://API.rebind.test:" + ORIGIN.port(),
                "http://127.0.0.1:" + ORIGIN.port()));
    }

    @AfterAll
    static void stopOrigin() {
        ORIGIN.close();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    OriginPolicy policy;

    @Test
    void pageFetchOfAnAllowedOriginOnLoopbackReachesTheOrigin() {
        assertThat(policy.refusal(URI.create("http://page.rebind.test:" + ORIGIN.port() + "/rebound"))).isEmpty();
        DNS.answer("page.rebind.test", RebindingDns.LOOPBACK);
        int before = ORIGIN.calls();

        EntityExchangeResult<String> result = web.mutate().responseTimeout(Duration.ofSeconds(10)).build()
                .get().uri("/admin/rebind").exchange().expectBody(String.class).returnResult();
        Document page = Jsoup.parse(result.getResponseBody());

        assertThat(page.select("[data-fragment=rebound]").attr("data-fragment-state")).isEqualTo("ok");
        assertThat(page.select("[data-fragment=rebound] .internal").text()).isEqualTo("Internal service");
        assertThat(page.select("[data-fragment=literal]").attr("data-fragment-state")).isEqualTo("ok");
        assertThat(ORIGIN.calls() - before).as("calls that reached the origin").isEqualTo(2);
    }

    @Test
    void proxiedCallToAnAllowedOriginOnLoopbackReachesTheOrigin() {
        DNS.answer("api.rebind.test", RebindingDns.LOOPBACK);
        int before = ORIGIN.calls();

        EntityExchangeResult<String> result = web.get().uri("/fragments/rebound-api/api/items").exchange()
                .expectBody(String.class).returnResult();

        assertThat(result.getStatus().value()).isEqualTo(200);
        assertThat(result.getResponseBody()).isEqualTo("[\"internal\"]");
        assertThat(web.get().uri("/fragments/literal/internal/items").exchange().expectBody(String.class).returnResult()
                .getStatus().value()).isEqualTo(200);
        assertThat(ORIGIN.calls() - before).as("calls that reached the origin").isEqualTo(2);
    }
}
