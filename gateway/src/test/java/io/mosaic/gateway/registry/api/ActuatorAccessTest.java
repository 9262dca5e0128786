package io.mosaic.gateway.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.TestOrigin;
import io.mosaic.gateway.support.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * {@code /actuator/prometheus} names every fragment origin's address and the gateway's working
 * directory: it answers the admin's token and the operator's metrics token, and a team's token,
 * a wrong one or none is refused. Health stays open to a load balancer (its details to admins),
 * and the metrics token opens nothing but the metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorAccessTest {

    static final TestOrigin ORIGIN = new TestOrigin().html("/nav", "<nav>Nav</nav>");
    static final String ADMIN = "admin-token-0123456789";
    static final String PEOPLE = "people-token-0123456789";

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - {name: nav, team: platform, url: "%s/nav"}
                pages:
                  - {path: /admin, layout: dashboard, slots: {header: nav}}
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", file::toString);
        registry.add("mosaic.registry.admin.token-sha256", () -> Tokens.sha256(ADMIN));
        registry.add("mosaic.registry.teams.people.token-sha256", () -> Tokens.sha256(PEOPLE));
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @Autowired
    Environment environment;

    WebTestClient.ResponseSpec get(String path, String token) {
        WebTestClient.RequestHeadersSpec<?> request = ApiClients.control(environment).get().uri(path);
        if (token != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return request.exchange();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(nullValues = "none", textBlock = """
            none,                    401
            wrong-token-0123456789,  401
            people-token-0123456789, 403
            """)
    void prometheusRefusesEveryoneButTheAdminAndTheScraper(String token, int status) {
        String body = get("/actuator/prometheus", token).expectStatus().isEqualTo(status)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body == null ? "" : body).doesNotContain("mosaic_").doesNotContain(ORIGIN.url("").getRawAuthority());
    }

    @Test
    void theMetricsTokenAndTheAdminsScrapeTheOriginsAddressesAmongTheMetrics() {
        String origin = ORIGIN.url("").getRawAuthority();
        WebTestClient pages = ApiClients.patient(WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port")).build());
        pages.get().uri("/admin").exchange().expectStatus().isOk();
        for (String token : new String[] {ApiClients.METRICS_TOKEN, ADMIN}) {
            assertThat(get("/actuator/prometheus", token).expectStatus().isOk().expectBody(String.class).returnResult()
                    .getResponseBody()).as("scraped with " + token).contains("mosaic_fragment_breaker_state{fragment=\"nav\"}")
                    .contains(origin);
        }
    }

    @Test
    void healthAnswersALoadBalancerWithoutATokenAndItsDetailsOnlyToTheAdmin() {
        get("/actuator/health", null).expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP").jsonPath("$.components").doesNotExist();
        get("/actuator/health/readiness", null).expectStatus().isOk();
        get("/actuator/health", ApiClients.METRICS_TOKEN).expectStatus().isOk().expectBody().jsonPath("$.components").doesNotExist();
        get("/actuator/health", ADMIN).expectStatus().isOk().expectBody().jsonPath("$.components.manifest").exists();
    }

    @Test
    void theMetricsTokenOpensNothingButTheMetrics() {
        get("/api/fragments", ApiClients.METRICS_TOKEN).expectStatus().isUnauthorized();
        get("/api/audit", ApiClients.METRICS_TOKEN).expectStatus().isUnauthorized();
        get("/console/fragments", ApiClients.METRICS_TOKEN).expectStatus().isUnauthorized();
    }
}
