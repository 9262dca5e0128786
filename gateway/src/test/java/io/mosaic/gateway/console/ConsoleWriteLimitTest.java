package io.mosaic.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.TestOrigin;
import io.mosaic.gateway.support.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The console's forms and the registration API share one write allowance per team: posting
 * enable and disable forms in a loop gets 429 once the team's changes for the minute are used,
 * and so does the API; another team is not held back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mosaic.registry.writes-per-minute=5")
class ConsoleWriteLimitTest {

    static final TestOrigin ORIGIN = new TestOrigin().html("/widget", "<p>Widget</p>");
    static final String PEOPLE = "people-token-0123456789";
    static final String BILLING = "billing-token-0123456789";
    static final String SESSION = "mosaic-console";

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - {name: header, team: platform, url: "%s/widget"}
                pages:
                  - {path: /admin, layout: dashboard, slots: {header: header, widgets: {open: true}}}
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", file::toString);
        registry.add("mosaic.registry.teams.people.token-sha256", () -> Tokens.sha256(PEOPLE));
        registry.add("mosaic.registry.teams.billing.token-sha256", () -> Tokens.sha256(BILLING));
        registry.add("mosaic.registry.allowed-origins", () -> ORIGIN.url(""));
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @Autowired
    Environment environment;

    WebTestClient control() {
        return ApiClients.control(environment);
    }

    @Test
    void consoleFormsCountAgainstTheTeamsWriteLimitLikeTheApi() {
        String widget = "{\"team\": \"people\", \"url\": \"" + ORIGIN.url("/widget") + "\"}";
        control().put().uri("/api/fragments/switch").header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE)
                .header(HttpHeaders.IF_NONE_MATCH, "*").contentType(MediaType.APPLICATION_JSON).bodyValue(widget)
                .exchange().expectStatus().isCreated();
        String session = control().get().uri("/console/login").exchange().returnResult(String.class)
                .getResponseCookies().getFirst(SESSION).getValue();
        String csrf = Jsoup.parse(control().get().uri("/console/login").cookie(SESSION, session).exchange()
                .expectBody(String.class).returnResult().getResponseBody()).select("input[name=_csrf]").attr("value");
        String signedIn = control().post().uri("/console/login").cookie(SESSION, session)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "token").with("password", PEOPLE).with("_csrf", csrf))
                .exchange().expectStatus().is3xxRedirection().returnResult(String.class).getResponseCookies().getFirst(SESSION).getValue();
        String token = Jsoup.parse(control().get().uri("/console/fragments/new").cookie(SESSION, signedIn)
                .accept(MediaType.TEXT_HTML).exchange().expectBody(String.class).returnResult().getResponseBody())
                .select("input[name=_csrf]").attr("value");

        // One write was the registration; four form posts use the rest of the minute's five.
        for (int i = 0; i < 4; i++) {
            post(signedIn, token, i % 2 == 0 ? "disable" : "enable").expectStatus().is3xxRedirection();
        }
        post(signedIn, token, "disable").expectStatus().isEqualTo(429)
                .expectHeader().value(HttpHeaders.RETRY_AFTER, seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        // The API says the same for the team, and the team's fragment is as the last allowed form left it.
        control().post().uri("/api/fragments/switch/disable").header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE)
                .exchange().expectStatus().isEqualTo(429);
        control().get().uri("/api/fragments/switch").header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.enabled").isEqualTo(true).jsonPath("$.revision").isEqualTo(5);
        // Another team has its own allowance.
        control().put().uri("/api/fragments/billing-widget").header(HttpHeaders.AUTHORIZATION, "Bearer " + BILLING)
                .header(HttpHeaders.IF_NONE_MATCH, "*").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(widget.replace("people", "billing")).exchange().expectStatus().isCreated();
    }

    WebTestClient.ResponseSpec post(String session, String csrf, String action) {
        return control().post().uri("/console/fragments/switch/" + action).cookie(SESSION, session)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).accept(MediaType.TEXT_HTML)
                .body(BodyInserters.fromFormData("_csrf", csrf)).exchange();
    }
}
