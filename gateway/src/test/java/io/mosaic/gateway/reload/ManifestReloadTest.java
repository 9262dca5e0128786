package io.mosaic.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.TestOrigin;
import io.mosaic.gateway.support.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A manifest directory edited while the gateway runs: valid changes apply whole, invalid ones change nothing but health. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ManifestReloadTest {

    static final TestOrigin ORIGIN = new TestOrigin()
            .html("/a", "<p class=a>A</p>")
            .html("/b", "<p class=b>B</p>")
            .html("/b/style.css", ".b{}");
    static Path dir;

    static final String PLATFORM = """
            version: 1
            fragments:
              - {name: a, team: platform, url: "%s/a"}
            pages:
              - {path: /one, layout: admin, slots: {main: a}}
            """;
    static final String PEOPLE = """
            version: 1
            fragments:
              - {name: b, team: people, url: "%s/b"}
            """;

    static final String ADMIN_TOKEN = "admin-token-0123456789";
    static final String TEAM_TOKEN = "people-token-0123456789";

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("manifests");
        write("platform.yaml", PLATFORM.formatted(ORIGIN.url("")));
        write("people.yaml", PEOPLE.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", dir::toString);
        registry.add("mosaic.reload-interval", () -> "200ms");
        registry.add("mosaic.registry.admin.token-sha256", () -> Tokens.sha256(ADMIN_TOKEN));
        registry.add("mosaic.registry.teams.people.token-sha256", () -> Tokens.sha256(TEAM_TOKEN));
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    Environment environment;

    /** The control origin: the actuator, the registration API, the console. */
    WebTestClient control() {
        return ApiClients.control(environment);
    }
    @Autowired
    ManifestWatcher watcher;
    @Autowired
    PlanHolder plans;

    @BeforeEach
    void restore() throws Exception {
        write("platform.yaml", PLATFORM.formatted(ORIGIN.url("")));
        write("people.yaml", PEOPLE.formatted(ORIGIN.url("")));
        watcher.check();
    }

    static void write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Path temp = dir.resolve("." + name + ".tmp");
        Files.writeString(temp, text);
        // Move into place the way editors do, and make sure the modification time differs.
        Files.setLastModifiedTime(temp, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + (long) (Math.random() * 1000)));
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private void awaitVersionAbove(long version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (plans.current().version() <= version && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(plans.current().version()).as("a new plan was applied").isGreaterThan(version);
    }

    @Test
    void anAddedPageIsRoutableWithoutARestartAndARemovedOneIsGone() throws Exception {
        web.get().uri("/two").exchange().expectStatus().isNotFound();
        long before = plans.current().version();
        write("people.yaml", (PEOPLE + "pages:\n  - {path: /two, layout: admin, slots: {main: b}}\n").formatted(ORIGIN.url("")));
        awaitVersionAbove(before);
        web.get().uri("/two").exchange().expectStatus().isOk().expectBody(String.class)
                .value(html -> assertThat(html).contains("<p class=\"b\">B</p>"));

        long next = plans.current().version();
        write("platform.yaml", PLATFORM.replace("/one", "/uno").formatted(ORIGIN.url("")));
        awaitVersionAbove(next);
        web.get().uri("/one").exchange().expectStatus().isNotFound();
        web.get().uri("/uno").exchange().expectStatus().isOk();
    }

    @Test
    void newProxyRoutesFollowTheManifest() throws Exception {
        web.get().uri("/fragments/b/style.css").exchange().expectStatus().isNotFound();
        long before = plans.current().version();
        write("people.yaml", """
                version: 1
                fragments:
                  - {name: b, team: people, url: "%s/b", assets: {css: [/b/style.css]}}
                """.formatted(ORIGIN.url("")));
        awaitVersionAbove(before);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        int status = 0;
        while (System.nanoTime() < deadline && status != 200) {
            status = web.get().uri("/fragments/b/b/style.css").exchange().returnResult(String.class).getStatus().value();
        }
        assertThat(status).isEqualTo(200);
    }

    @Test
    void anInvalidChangeIsRefusedWholeAndShowsInHealth() throws Exception {
        long before = plans.current().version();
        // One file gains a page (fine), the other a typo (not fine): nothing of either applies.
        write("platform.yaml", (PLATFORM + "  - {path: /three, layout: admin, slots: {main: a}}\n").formatted(ORIGIN.url("")));
        write("people.yaml", PEOPLE.replace("team: people", "teem: people").formatted(ORIGIN.url("")));
        watcher.check();
        assertThat(plans.current().version()).isEqualTo(before);
        web.get().uri("/three").exchange().expectStatus().isNotFound();
        web.get().uri("/one").exchange().expectStatus().isOk();
        control().get().uri("/actuator/health").headers(h -> h.setBearerAuth(ADMIN_TOKEN)).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.components.manifest.status").isEqualTo("OUT_OF_DATE")
                .jsonPath("$.components.manifest.details.version").isEqualTo((int) before)
                .jsonPath("$.components.manifest.details.problems").value(problems -> assertThat((java.util.List<?>) problems)
                        .anySatisfy(p -> assertThat((String) p).contains("people.yaml:3:")
                                .contains("fragments[0].teem: unknown field 'teem'; did you mean 'team'?"))
                        .anySatisfy(p -> assertThat((String) p).contains("fragments[0].team: missing")));

        write("people.yaml", PEOPLE.formatted(ORIGIN.url("")));
        watcher.check();
        assertThat(plans.current().version()).isGreaterThan(before);
        web.get().uri("/three").exchange().expectStatus().isOk();
        control().get().uri("/actuator/health").headers(h -> h.setBearerAuth(ADMIN_TOKEN)).exchange().expectBody()
                .jsonPath("$.components.manifest.status").isEqualTo("UP");
    }

    @Test
    void healthShowsItsDetailsToAdminsOnly() {
        control().get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components").doesNotExist()
                .jsonPath("$.details").doesNotExist();
        control().get().uri("/actuator/health").headers(h -> h.setBearerAuth(TEAM_TOKEN)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components").doesNotExist();
        control().get().uri("/actuator/health").headers(h -> h.setBearerAuth("not-a-token")).exchange().expectStatus().isUnauthorized();
        control().get().uri("/actuator/health").headers(h -> h.setBearerAuth(ADMIN_TOKEN)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.components.manifest.details.version").exists();
        ApiClients.prometheus(environment);
    }

    @Test
    void breakersAreKeptUnlessTheirSettingsChange() throws Exception {
        var breakerA = plans.current().fragments().get("a").breaker();
        var breakerB = plans.current().fragments().get("b").breaker();
        write("people.yaml", """
                version: 1
                fragments:
                  - {name: b, team: people, url: "%s/b", circuitBreaker: {openFor: 30s}}
                """.formatted(ORIGIN.url("")));
        assertThat(watcher.check()).isTrue();
        assertThat(plans.current().fragments().get("a").breaker()).isSameAs(breakerA);
        assertThat(plans.current().fragments().get("b").breaker()).isNotSameAs(breakerB);
        assertThat(plans.current().fragments().get("b").breaker().getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1))
                .isEqualTo(30_000L);
    }

    @Test
    void theSchemaIsServedForEditors() {
        web.get().uri("/manifest.schema.json").exchange().expectStatus().isOk()
                .expectHeader().contentType("application/schema+json")
                .expectBody().jsonPath("$.$schema").isEqualTo("https://json-schema.org/draft/2020-12/schema");
    }
}
