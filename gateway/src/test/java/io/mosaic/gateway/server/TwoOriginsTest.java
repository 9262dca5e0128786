package io.mosaic.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mosaic.gateway.GatewayApplication;
import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.FreePort;
import io.mosaic.gateway.support.RawHttp;
import io.mosaic.gateway.support.TestOrigin;
import io.mosaic.gateway.support.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two origins: the console, the registration API and the actuator answer on the control port
 * only, and pages and the fragments' proxy on the pages' port only. A script on the pages'
 * origin can read everything on it, so nothing of the control plane may answer there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TwoOriginsTest {

    static final TestOrigin ORIGIN = new TestOrigin()
            .html("/nav", "<nav>Nav</nav>")
            .on("/api/data", exchange -> TestOrigin.send(exchange, 200, "application/json", "{\"ok\":true}"));
    static final String ADMIN = "admin-token-0123456789";

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - {name: nav, team: platform, url: "%s/nav", proxy: [/api]}
                pages:
                  - path: /admin
                    layout: dashboard
                    slots: {header: nav, widgets: {open: true}}
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", file::toString);
        registry.add("mosaic.registry.admin.token-sha256", () -> Tokens.sha256(ADMIN));
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @LocalServerPort
    int pagesPort;

    @Autowired
    Environment environment;

    WebTestClient pages() {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + pagesPort).build();
    }

    WebTestClient control() {
        return ApiClients.control(environment);
    }

    @Test
    void theControlPortIsItsOwnPortPublishedAsLocalControlPort() {
        int controlPort = environment.getRequiredProperty("local.control.port", Integer.class);
        assertThat(controlPort).isPositive().isNotEqualTo(pagesPort);
    }

    @Test
    void consoleApiAndActuatorAnswer404OnThePagesPort() {
        for (String path : new String[] {"/console", "/console/login", "/console/fragments/nav", "/api/fragments",
                "/api/pages", "/actuator", "/actuator/health", "/actuator/prometheus"}) {
            pages().get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).accept(MediaType.TEXT_HTML)
                    .exchange().expectStatus().isNotFound();
        }
        pages().post().uri("/console/login").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=token&password=" + ADMIN).exchange().expectStatus().isNotFound();
    }

    @Test
    void controlPathsSpelledAsSpringWouldMatchThemAre404OnThePagesPortToo() {
        // Spring matches percent-decoded segments without ;parameters: each of these would reach the API.
        for (String path : new String[] {"/%61pi/pages", "/api;x=1/pages", "//api/pages", "/%61ctuator/health"}) {
            RawHttp.Answer answer = RawHttp.send(pagesPort, RawHttp.request("GET", path,
                    "Authorization: Bearer " + ADMIN));
            assertThat(answer.status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void pagesAndTheProxyAnswerOnThePagesPortOnly() {
        pages().get().uri("/admin").exchange().expectStatus().isOk();
        pages().get().uri("/fragments/nav/api/data").exchange().expectStatus().isOk();
        control().get().uri("/admin").exchange().expectStatus().isNotFound();
        control().get().uri("/fragments/nav/api/data").exchange().expectStatus().isNotFound();
    }

    @Test
    void theControlPortServesTheConsoleApiAndActuator() {
        control().get().uri("/console/login").accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk();
        control().get().uri("/api/pages").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).exchange().expectStatus().isOk();
        control().get().uri("/actuator/health").exchange().expectStatus().isOk();
        control().get().uri("/").exchange().expectStatus().isTemporaryRedirect()
                .expectHeader().location("/console");
    }

    @Test
    void pagesLetOnlyTheConsolesOriginFrameThemBesideTheirOwn() {
        int controlPort = environment.getRequiredProperty("local.control.port", Integer.class);
        String policy = pages().get().uri("/admin").exchange().expectStatus().isOk().returnResult(String.class)
                .getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(policy).contains("frame-ancestors 'self' http://127.0.0.1:" + controlPort + ";");
        // A Host that is not a plain host name adds nothing to the policy.
        RawHttp.Answer odd = RawHttp.send(pagesPort, "GET /admin HTTP/1.1\r\nHost: a.example;script-src\r\nConnection: close\r\n\r\n");
        assertThat(odd.status()).isEqualTo(200);
        assertThat(odd.header("Content-Security-Policy")).contains("frame-ancestors 'self';").doesNotContain("a.example");
    }

    @Test
    void theManifestSchemaIsPublicOnBothPorts() {
        pages().get().uri("/manifest.schema.json").exchange().expectStatus().isOk();
        control().get().uri("/manifest.schema.json").exchange().expectStatus().isOk();
    }

    @Test
    void aControlPortEqualToThePagesPortStopsTheStart() throws Exception {
        int port = FreePort.find();
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, "version: 1\nfragments: []\npages: []\n");
        SpringApplication app = new SpringApplication(GatewayApplication.class);
        assertThatThrownBy(() -> app.run("--manifest=" + file, "--server.port=" + port, "--mosaic.control.port=" + port).close())
                .hasStackTraceContaining("mosaic.control.port must differ from server.port");
    }
}
