package io.mosaic.gateway.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.TestOrigin;
import io.mosaic.gateway.support.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The origin policy as teams meet it, through the registration API of the real gateway: private
 * origins are refused when registered, and a registered name that is re-pointed at loopback
 * afterwards is refused when the gateway connects, while the operator's own manifest fragment on
 * that very loopback origin keeps working (the manifest file is trusted, registrations are not).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RegisteredOriginTest {

    static final TestOrigin ORIGIN = new TestOrigin()
            .html("/header", "<header class=\"hdr\">Operator header</header>")
            .html("/widget", "<p class=\"internal\">Internal service</p>");
    static final RebindingDns DNS = new RebindingDns();
    static final String TOKEN = "people-token-0123456789";

    @TestConfiguration(proxyBeanMethods = false)
    static class Dns {
        @Bean
        @Primary
        HostResolver rebindingDns() {
            return DNS;
        }
    }

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                defaults: {timeout: 2s}
                fragments:
                  - {name: header, team: platform, url: "http://127.0.0.1:%d/header"}
                pages:
                  - path: /admin
                    layout: dashboard
                    slots: {header: header, widgets: {open: true}}
                """.formatted(ORIGIN.port()));
        registry.add("mosaic.manifest", file::toString);
        registry.add("mosaic.registry.teams.people.token-sha256", () -> Tokens.sha256(TOKEN));
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    /** The registration API, on the control origin. */
    WebTestClient web;
    /** The pages' origin. */
    WebTestClient pages;

    /** A shared 2-core machine under a full build can take more than WebTestClient's default 5 s. */
    @Autowired
    void client(WebTestClient client, org.springframework.core.env.Environment environment) {
        pages = client.mutate().responseTimeout(java.time.Duration.ofSeconds(20)).build();
        web = ApiClients.control(environment);
    }

    WebTestClient.ResponseSpec register(String name, String url) {
        return web.put().uri("/api/fragments/{name}", name).header("Authorization", "Bearer " + TOKEN)
                .header("If-None-Match", "*").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"team": "people", "url": "%s", "fallback": "<p class=\\"fb\\">Widget fallback</p>",
                         "mount": [{"page": "/admin", "slot": "widgets"}]}""".formatted(url))
                .exchange();
    }

    @Test
    void privateOriginsAreRefusedWhenRegisteredWithTheAddressClassNamed() {
        register("loopback", "http://127.0.0.1:" + ORIGIN.port() + "/widget").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("url")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("loopback"));
        register("metadata", "http://169.254.169.254/latest/meta-data").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("metadata"));
        register("hex", "http://0x7f.1:" + ORIGIN.port() + "/widget").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("url");
        DNS.answer("private.rebind.test", "10.1.2.3");
        register("private", "http://private.rebind.test/widget").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("10.1.2.3"));
        web.get().uri("/api/fragments/loopback").header("Authorization", "Bearer " + TOKEN).exchange().expectStatus().isNotFound();
    }

    @Test
    void aRegisteredNameRepointedAtLoopbackIsRefusedAtConnectTimeWhileTheOperatorsFragmentThereWorks() throws Exception {
        DNS.answer("widget.rebind.test", RebindingDns.PUBLIC);
        register("rebound", "http://widget.rebind.test:" + ORIGIN.port() + "/widget").expectStatus().isCreated();
        DNS.answer("widget.rebind.test", RebindingDns.LOOPBACK);

        Document page = awaitFragment("rebound");

        assertThat(page.select("[data-fragment=rebound]").attr("data-fragment-state")).isEqualTo("fallback");
        assertThat(page.select("[data-fragment=rebound] .fb").text()).isEqualTo("Widget fallback");
        assertThat(ORIGIN.seen().stream().filter(seen -> seen.path().equals("/widget")).count())
                .as("calls that reached the loopback origin for the registered fragment").isZero();
        assertThat(page.select("[data-fragment=header]").attr("data-fragment-state")).isEqualTo("ok");
        assertThat(page.select("[data-fragment=header] .hdr").text()).isEqualTo("Operator header");
    }

    private Document awaitFragment(String name) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        Document page = null;
        while (System.nanoTime() < deadline) {
            page = Jsoup.parse(pages.get().uri("/admin").exchange()
                    .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            if (!page.select("[data-fragment=" + name + "]").isEmpty()) {
                break;
            }
            Thread.sleep(20);
        }
        return page;
    }
}
