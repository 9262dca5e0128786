package io.mosaic.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.TestOrigin;
import io.mosaic.gateway.support.Tokens;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The registration API against the real gateway and its real embedded store (H2): every status
 * it answers, who may do what, optimistic concurrency, revisions and the audit log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RegistryApiTest {

    static final TestOrigin ORIGIN = new TestOrigin().html("/widget", "<p class=\"w\">Widget</p>");
    static final String PEOPLE = "people-token-0123456789";
    static final String BILLING = "billing-token-0123456789";
    static final String FLOOD = "flood-token-0123456789";
    static final String ADMIN = "admin-token-0123456789";
    /** Threads that asked the database for a connection. */
    static final Set<String> JDBC_THREADS = ConcurrentHashMap.newKeySet();

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - {name: header, team: platform, url: "%s/widget"}
                pages:
                  - path: /admin
                    layout: dashboard
                    slots: {header: header, widgets: {open: true, max: 3}}
                  - path: /shared
                    layout: dashboard
                    slots: {widgets: {open: true, max: 4, perTeam: 2}}
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", file::toString);
        registry.add("mosaic.registry.teams.people.token-sha256", () -> Tokens.sha256(PEOPLE));
        registry.add("mosaic.registry.teams.billing.token-sha256", () -> Tokens.sha256(BILLING));
        registry.add("mosaic.registry.teams.flood.token-sha256", () -> Tokens.sha256(FLOOD));
        // Billing is granted more than the default: trusted fragments, and the user's Authorization header.
        registry.add("mosaic.registry.teams.billing.max-trust", () -> "trusted");
        registry.add("mosaic.registry.teams.billing.may-receive", () -> "Authorization");
        registry.add("mosaic.registry.admin.token-sha256", () -> Tokens.sha256(ADMIN));
        registry.add("mosaic.registry.writes-per-minute", () -> "60");
        // The test origin is on loopback, which the origin policy refuses unless the operator allows it.
        registry.add("mosaic.registry.allowed-origins", () -> ORIGIN.url(""));
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    /** Records the thread of every JDBC connection the gateway takes. */
    @TestConfiguration
    static class RecordJdbcThreads {
        @Bean
        static BeanPostProcessor recordingDataSource() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    if (!(bean instanceof DataSource dataSource)) {
                        return bean;
                    }
                    return Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                            (proxy, method, args) -> {
                                if (method.getName().equals("getConnection")) {
                                    JDBC_THREADS.add(Thread.currentThread().getName());
                                }
                                try {
                                    return method.invoke(dataSource, args);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                }
            };
        }
    }

    /** The registration API, on the control origin. */
    WebTestClient web;
    /** The pages' origin. */
    WebTestClient pages;

    @Autowired
    void client(WebTestClient client, org.springframework.core.env.Environment environment) {
        pages = ApiClients.patient(client);
        web = ApiClients.control(environment);
    }

    String widget(String name, String team) {
        return """
                {"name": "%s", "team": "%s", "url": "%s/widget", "timeout": "800ms",
                 "fallback": "<p>%s is unavailable</p>"}""".formatted(name, team, ORIGIN.url(""), name);
    }

    WebTestClient.ResponseSpec put(String name, String token, String body, String header, String value) {
        var request = web.put().uri("/api/fragments/{name}", name).contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request = request.header("Authorization", "Bearer " + token);
        }
        if (header != null) {
            request = request.header(header, value);
        }
        return request.bodyValue(body).exchange();
    }

    String create(String name, String team, String token) {
        return put(name, token, widget(name, team), "If-None-Match", "*").expectStatus().isCreated()
                .returnResult(String.class).getResponseHeaders().getETag();
    }

    @Test
    void aRegistrationWithTwentyThousandProxyPrefixesIsRefusedNamingTheList() {
        StringBuilder prefixes = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            prefixes.append(i == 0 ? "" : ",").append("\"/p").append(i).append('"');
        }
        String body = widget("many-prefixes", "people").replace("}", ", \"proxy\": [" + prefixes + "]}");
        assertThat(body.length()).isGreaterThan(150_000).isLessThan(FragmentApiBodyLimit.BYTES);
        put("many-prefixes", PEOPLE, body, "If-None-Match", "*").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("proxy")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message).contains("20000").contains("32"));
        web.get().uri("/api/fragments/many-prefixes").header("Authorization", "Bearer " + PEOPLE).exchange().expectStatus().isNotFound();
    }

    /** The API's body limit (256 KiB), which a 20,000-prefix registration stays under. */
    static final class FragmentApiBodyLimit {
        static final int BYTES = 256 * 1024;
    }

    @Test
    void oneTeamMayTakeOnlyItsShareOfASharedOpenSlot() {
        String mount = ", \"mount\": [{\"page\": \"/shared\", \"slot\": \"widgets\"}]}";
        put("share-1", PEOPLE, widget("share-1", "people").replace("}", mount), "If-None-Match", "*").expectStatus().isCreated();
        put("share-2", PEOPLE, widget("share-2", "people").replace("}", mount), "If-None-Match", "*").expectStatus().isCreated();
        web.get().uri("/api/pages").header("Authorization", "Bearer " + PEOPLE).exchange().expectBody()
                .jsonPath("$[1].slots[0].perTeam").isEqualTo(2)
                .jsonPath("$[1].slots[0].free").isEqualTo(2)
                .jsonPath("$[1].slots[0].freeForTeam").isEqualTo(0);
        put("share-3", PEOPLE, widget("share-3", "people").replace("}", mount), "If-None-Match", "*").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("mount[0].slot")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message)
                        .contains("full for team 'people'").contains("share-1").contains("share-2"));
        // The slot still has room for the other teams.
        put("share-billing", BILLING, widget("share-billing", "billing").replace("}", mount), "If-None-Match", "*")
                .expectStatus().isCreated();
    }

    @Test
    void trustAboveStandardAndCredentialsAreTheOperatorsToGrantNeverATeamsToClaim() {
        String trusted = widget("claims-trust", "people").replace("}", ", \"trust\": \"trusted\"}");
        put("claims-trust", PEOPLE, trusted, "If-None-Match", "*").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("trust")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message)
                        .contains("at most 'standard'").contains("mosaic.registry.teams.people.max-trust"));
        String credentials = widget("claims-token", "people").replace("}",
                ", \"forward\": {\"headers\": [\"X-Forwarded-User\", \"Authorization\"], \"cookies\": [\"mosaic-console\"]}}");
        put("claims-token", PEOPLE, credentials, "If-None-Match", "*").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("forward.headers[1]")
                .jsonPath("$.errors[0].message").value(message -> assertThat((String) message)
                        .contains("mosaic.registry.teams.people.may-receive=authorization"))
                .jsonPath("$.errors[1].field").isEqualTo("forward.cookies[0]");
        web.get().uri("/api/fragments/claims-token").header("Authorization", "Bearer " + PEOPLE).exchange().expectStatus().isNotFound();
        // An identity header from the SSO proxy is anyone's to declare.
        put("claims-identity", PEOPLE, widget("claims-identity", "people").replace("}",
                ", \"forward\": {\"headers\": [\"X-Forwarded-User\"]}}"), "If-None-Match", "*").expectStatus().isCreated();

        // What the operator granted billing, billing may have.
        put("granted-trust", BILLING, widget("granted-trust", "billing").replace("}",
                ", \"trust\": \"trusted\", \"forward\": {\"headers\": [\"Authorization\"]}}"), "If-None-Match", "*")
                .expectStatus().isCreated();
        // The admin registering for a team is held to that team's grants too.
        put("admin-claims", ADMIN, trusted.replace("claims-trust", "admin-claims"), "If-None-Match", "*")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("trust");
    }

    @Test
    void createAnswers201WithTheStoredFragmentAndAStrongEtag() {
        put("team-card", PEOPLE, widget("team-card", "people"), "If-None-Match", "*")
                .expectStatus().isCreated()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectHeader().valueEquals("Location", "/api/fragments/team-card")
                .expectBody()
                .jsonPath("$.name").isEqualTo("team-card")
                .jsonPath("$.team").isEqualTo("people")
                .jsonPath("$.revision").isEqualTo(1)
                .jsonPath("$.updatedBy").isEqualTo("team:people")
                .jsonPath("$.fragment.timeout").isEqualTo("800ms");
        web.get().uri("/api/fragments/team-card").header("Authorization", "Bearer " + BILLING).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"1\"");
        web.get().uri("/api/fragments?team=people").header("Authorization", "Bearer " + BILLING).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.name == 'team-card')].team").isEqualTo("people");
        web.get().uri("/api/fragments?team=billing").header("Authorization", "Bearer " + BILLING).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$[?(@.name == 'team-card')]").doesNotExist();
    }

    @Test
    void creatingTwiceOrWithoutAPreconditionIsRefused() {
        create("twice", "people", PEOPLE);
        put("twice", PEOPLE, widget("twice", "people"), "If-None-Match", "*").expectStatus().isEqualTo(412)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(412)
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("already exists"));
        put("no-precondition", PEOPLE, widget("no-precondition", "people"), null, null).expectStatus().isEqualTo(428)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("If-None-Match: *"));
        put("no-such", PEOPLE, widget("no-such", "people"), "If-Match", "\"1\"").expectStatus().isEqualTo(412);
    }

    @Test
    void replacingNeedsTheCurrentEtag() {
        String etag = create("replaced", "people", PEOPLE);
        String changed = widget("replaced", "people").replace("800ms", "600ms");
        put("replaced", PEOPLE, changed, null, null).expectStatus().isEqualTo(428);
        put("replaced", PEOPLE, changed, "If-Match", "\"7\"").expectStatus().isEqualTo(412)
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("ETag " + etag));
        put("replaced", PEOPLE, changed, "If-Match", etag).expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody().jsonPath("$.fragment.timeout").isEqualTo("600ms");
    }

    @Test
    void ofTwoConcurrentUpdatesWithTheSameEtagExactlyOneWins() throws Exception {
        String etag = create("contested", "people", PEOPLE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> answers = List.of("300ms", "400ms").stream().map(timeout -> pool.submit(() -> {
                start.await();
                return put("contested", PEOPLE, widget("contested", "people").replace("800ms", timeout), "If-Match", etag)
                        .returnResult(String.class).getStatus().value();
            })).toList();
            start.countDown();
            List<Integer> statuses = List.of(answers.get(0).get(), answers.get(1).get());
            assertThat(statuses).containsExactlyInAnyOrder(200, 412);
        } finally {
            pool.shutdownNow();
        }
        web.get().uri("/api/fragments/contested/revisions").header("Authorization", "Bearer " + PEOPLE).exchange()
                .expectBody().jsonPath("$.length()").isEqualTo(2);
    }

    @Test
    void withoutAKnownTokenTheApiAnswers401AsAProblem() {
        put("anon", null, widget("anon", "people"), "If-None-Match", "*").expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer realm=\"mosaic\"")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);
        put("anon", "not-a-known-token", widget("anon", "people"), "If-None-Match", "*").expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/fragments").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void aTeamCannotRegisterOrChangeAnotherTeamsFragment() {
        put("not-mine", PEOPLE, widget("not-mine", "billing"), "If-None-Match", "*").expectStatus().isForbidden()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("team")
                .jsonPath("$.errors[0].message").value(m -> assertThat((String) m).contains("'billing' is not your team"));
        String etag = create("billing-card", "billing", BILLING);
        put("billing-card", PEOPLE, widget("billing-card", "people"), "If-Match", etag).expectStatus().isForbidden()
                .expectBody().jsonPath("$.detail").value(d -> assertThat((String) d).contains("belongs to team billing"));
        web.delete().uri("/api/fragments/billing-card").header("Authorization", "Bearer " + PEOPLE).header("If-Match", etag)
                .exchange().expectStatus().isForbidden();
        // An admin may change any team's fragment.
        put("billing-card", ADMIN, widget("billing-card", "billing").replace("800ms", "700ms"), "If-Match", etag)
                .expectStatus().isOk().expectBody().jsonPath("$.updatedBy").isEqualTo("admin");
    }

    @Test
    void everyBadFieldIsNamedAndNothingIsStored() {
        String body = """
                {"team": "people", "url": "ftp://example.org/x", "timeout": "2 s", "timout": "1s", "staleFor": 5}""";
        put("bad-fields", PEOPLE, body, "If-None-Match", "*").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'url')].message").isEqualTo("scheme 'ftp' is not allowed; use http or https")
                .jsonPath("$.errors[?(@.field == 'timeout')].message")
                .isEqualTo("'2 s' is not a duration such as 250ms, 2s or 5m (units: ms, s, m, h, d)")
                .jsonPath("$.errors[?(@.field == 'timout')].message").isEqualTo("unknown field 'timout'; did you mean 'timeout'?")
                .jsonPath("$.errors[?(@.field == 'staleFor')]").exists();
        web.get().uri("/api/fragments/bad-fields").header("Authorization", "Bearer " + PEOPLE).exchange()
                .expectStatus().isNotFound().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        put("bad-json", PEOPLE, "{\"team\": ", "If-None-Match", "*").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.detail").isEqualTo("the body is not valid JSON");
        put("Bad_Name", PEOPLE, widget("Bad_Name", "people"), "If-None-Match", "*").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
        put("named", PEOPLE, widget("other-name", "people"), "If-None-Match", "*").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].message")
                .isEqualTo("the body names 'other-name' but the path names 'named'; they must be the same");
    }

    @Test
    void aNameTheOperatorsManifestDefinesIsAConflict() {
        put("header", PEOPLE, widget("header", "people"), "If-None-Match", "*").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
    }

    @Test
    void aBodyOver256KibIsRefusedAndOnlyJsonIsAccepted() {
        String huge = "{\"team\": \"people\", \"fallback\": \"" + "x".repeat(300 * 1024) + "\"}";
        put("huge", PEOPLE, huge, "If-None-Match", "*").expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.put().uri("/api/fragments/plain").header("Authorization", "Bearer " + PEOPLE).header("If-None-Match", "*")
                .contentType(MediaType.TEXT_PLAIN).bodyValue(widget("plain", "people")).exchange()
                .expectStatus().isEqualTo(415).expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aTeamOverItsWriteLimitGets429WithRetryAfter() {
        // Real, successful writes up to the limit: each one stored (201), then the next refused.
        for (int i = 0; i < 60; i++) {
            put("flood-" + i, FLOOD, widget("flood-" + i, "flood"), "If-None-Match", "*").expectStatus().isCreated();
        }
        put("flood-60", FLOOD, widget("flood-60", "flood"), "If-None-Match", "*").expectStatus().isEqualTo(429);
        web.get().uri("/api/fragments/flood-60").header("Authorization", "Bearer " + FLOOD).exchange().expectStatus().isNotFound();
        put("flood-x", FLOOD, widget("flood-x", "flood"), "If-None-Match", "*").expectStatus().isEqualTo(429)
                .expectHeader().value("Retry-After", seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        // Other teams are not held back by one team's flood.
        create("not-flooded", "people", PEOPLE);
    }

    @Test
    void removalNeedsIfMatchAndRevisionsCanBeRestored() {
        String etag = create("removed", "people", PEOPLE);
        web.delete().uri("/api/fragments/removed").header("Authorization", "Bearer " + PEOPLE).exchange()
                .expectStatus().isEqualTo(428);
        web.delete().uri("/api/fragments/removed").header("Authorization", "Bearer " + PEOPLE).header("If-Match", "\"9\"")
                .exchange().expectStatus().isEqualTo(412);
        web.delete().uri("/api/fragments/removed").header("Authorization", "Bearer " + PEOPLE).header("If-Match", etag)
                .exchange().expectStatus().isNoContent();
        web.get().uri("/api/fragments/removed").header("Authorization", "Bearer " + PEOPLE).exchange().expectStatus().isNotFound();
        web.delete().uri("/api/fragments/removed").header("Authorization", "Bearer " + PEOPLE).header("If-Match", etag)
                .exchange().expectStatus().isNotFound();
        web.get().uri("/api/fragments/removed/revisions").header("Authorization", "Bearer " + PEOPLE).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$[0].revision").isEqualTo(2).jsonPath("$[0].action").isEqualTo("delete")
                .jsonPath("$[1].revision").isEqualTo(1).jsonPath("$[1].action").isEqualTo("create");
        web.post().uri("/api/fragments/removed/revisions/1/restore").header("Authorization", "Bearer " + PEOPLE).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"3\"")
                .expectBody().jsonPath("$.fragment.timeout").isEqualTo("800ms");
        web.post().uri("/api/fragments/removed/revisions/2/restore").header("Authorization", "Bearer " + PEOPLE).exchange()
                .expectStatus().isBadRequest();
        web.post().uri("/api/fragments/removed/revisions/42/restore").header("Authorization", "Bearer " + PEOPLE).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void theAuditLogIsForAdminsAndRecordsWhoWhatBeforeAndAfter() {
        String etag = create("audited", "people", PEOPLE);
        web.put().uri("/api/fragments/audited").header("Authorization", "Bearer " + PEOPLE).header("If-Match", etag)
                .header("X-Request-Id", "req-audit-1").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(widget("audited", "people").replace("800ms", "500ms")).exchange().expectStatus().isOk();
        web.get().uri("/api/audit?fragment=audited").header("Authorization", "Bearer " + PEOPLE).exchange()
                .expectStatus().isForbidden().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        web.get().uri("/api/audit?fragment=audited").header("Authorization", "Bearer " + ADMIN).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(2)
                .jsonPath("$[0].action").isEqualTo("update")
                .jsonPath("$[0].actor").isEqualTo("team:people")
                .jsonPath("$[0].team").isEqualTo("people")
                .jsonPath("$[0].requestId").isEqualTo("req-audit-1")
                .jsonPath("$[0].before").value(before -> assertThat((String) before).contains("800ms"))
                .jsonPath("$[0].after").value(after -> assertThat((String) after).contains("500ms"))
                .jsonPath("$[1].action").isEqualTo("create")
                .jsonPath("$[1].before").doesNotExist();
        web.get().uri("/api/audit?team=billing&fragment=audited").header("Authorization", "Bearer " + ADMIN).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.length()").isEqualTo(0);
    }

    @Test
    void aRegisteredFragmentIsOnItsPageWithinASecondAndPagesShowFreePlaces() throws Exception {
        web.get().uri("/api/pages").header("Authorization", "Bearer " + PEOPLE).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$[0].path").isEqualTo("/admin")
                .jsonPath("$[0].slots[1].name").isEqualTo("widgets")
                .jsonPath("$[0].slots[1].open").isEqualTo(true)
                .jsonPath("$[0].slots[1].max").isEqualTo(3);
        int freeBefore = ((Number) com.jayway.jsonpath.JsonPath.read(web.get().uri("/api/pages")
                .header("Authorization", "Bearer " + PEOPLE).exchange().returnResult(String.class).getResponseBody()
                .collectList().block().stream().reduce("", String::concat), "$[0].slots[1].free")).intValue();
        String body = widget("mounted", "people").replace("}", ", \"mount\": [{\"page\": \"/admin\", \"slot\": \"widgets\", \"order\": 5}]}");
        put("mounted", PEOPLE, body, "If-None-Match", "*").expectStatus().isCreated();
        long created = System.nanoTime();
        String page = "";
        while (System.nanoTime() - created < java.time.Duration.ofSeconds(3).toNanos() && !page.contains("data-fragment=\"mounted\"")) {
            page = pages.get().uri("/admin").exchange().expectStatus().isOk().returnResult(String.class).getResponseBody()
                    .collectList().block().stream().reduce("", String::concat);
            Thread.sleep(20);
        }
        assertThat(page).contains("data-fragment=\"mounted\"").contains("<p class=\"w\">Widget</p>");
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - created)).isLessThan(java.time.Duration.ofSeconds(1));
        web.get().uri("/api/pages").header("Authorization", "Bearer " + PEOPLE).exchange().expectBody()
                .jsonPath("$[0].slots[1].fragments[0]").isEqualTo("mounted")
                .jsonPath("$[0].slots[1].free").isEqualTo(freeBefore - 1);
        String wrongSlot = widget("misplaced", "people").replace("}", ", \"mount\": [{\"page\": \"/admin\", \"slot\": \"header\"}]}");
        put("misplaced", PEOPLE, wrongSlot, "If-None-Match", "*").expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("mount[0].slot");
    }

    @Test
    void aDisabledFragmentLeavesItsPageAndComesBackWhenEnabled() throws Exception {
        String body = widget("switched", "people").replace("}", ", \"mount\": [{\"page\": \"/admin\", \"slot\": \"widgets\", \"order\": 9}]}");
        put("switched", PEOPLE, body, "If-None-Match", "*").expectStatus().isCreated();
        awaitPage(page -> page.contains("data-fragment=\"switched\""));
        web.post().uri("/api/fragments/switched/disable").header("Authorization", "Bearer " + BILLING).exchange()
                .expectStatus().isForbidden();
        web.post().uri("/api/fragments/switched/disable").header("Authorization", "Bearer " + PEOPLE).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"2\"")
                .expectBody().jsonPath("$.enabled").isEqualTo(false);
        assertThat(awaitPage(page -> !page.contains("data-fragment=\"switched\""))).doesNotContain("data-fragment=\"switched\"");
        web.post().uri("/api/fragments/switched/enable").header("Authorization", "Bearer " + PEOPLE).header("If-Match", "\"1\"")
                .exchange().expectStatus().isEqualTo(412);
        web.post().uri("/api/fragments/switched/enable").header("Authorization", "Bearer " + PEOPLE).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.enabled").isEqualTo(true);
        assertThat(awaitPage(page -> page.contains("data-fragment=\"switched\""))).contains("data-fragment=\"switched\"");
        web.get().uri("/api/audit?fragment=switched").header("Authorization", "Bearer " + ADMIN).exchange().expectBody()
                .jsonPath("$[0].action").isEqualTo("enable").jsonPath("$[0].actor").isEqualTo("team:people")
                .jsonPath("$[1].action").isEqualTo("disable").jsonPath("$[1].actor").isEqualTo("team:people");
    }

    @Test
    void aFragmentAnAdminTookOffStaysOffWhateverItsTeamDoesUntilAnAdminPutsItBack() throws Exception {
        String body = widget("held", "people").replace("}", ", \"mount\": [{\"page\": \"/admin\", \"slot\": \"widgets\", \"order\": 8}]}");
        put("held", PEOPLE, body, "If-None-Match", "*").expectStatus().isCreated();
        awaitPage(page -> page.contains("data-fragment=\"held\""));
        web.post().uri("/api/fragments/held/disable").header("Authorization", "Bearer " + ADMIN).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.enabled").isEqualTo(false).jsonPath("$.control.disabled").isEqualTo(true);
        assertThat(awaitPage(page -> !page.contains("data-fragment=\"held\""))).doesNotContain("data-fragment=\"held\"");

        // Enabling it again is the admin's call, named in the refusal.
        web.post().uri("/api/fragments/held/enable").header("Authorization", "Bearer " + PEOPLE).exchange()
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.detail").value(detail ->
                        assertThat((String) detail).contains("taken off the pages by an admin").contains("incident control"));
        // An update is stored but stays off the pages; so does a removal and a new registration of the name.
        put("held", PEOPLE, body.replace("800ms", "900ms"), "If-Match", "\"2\"").expectStatus().isOk()
                .expectBody().jsonPath("$.enabled").isEqualTo(false);
        web.delete().uri("/api/fragments/held").header("Authorization", "Bearer " + PEOPLE).header("If-Match", "\"3\"")
                .exchange().expectStatus().isNoContent();
        put("held", PEOPLE, body, "If-None-Match", "*").expectStatus().isCreated().expectBody()
                .jsonPath("$.control.disabled").isEqualTo(true);
        Thread.sleep(300);
        assertThat(awaitPage(page -> page.contains("data-fragment=\"held\""))).as("still taken off by the admin")
                .doesNotContain("data-fragment=\"held\"");

        web.post().uri("/api/fragments/held/enable").header("Authorization", "Bearer " + ADMIN).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.control").doesNotExist();
        assertThat(awaitPage(page -> page.contains("data-fragment=\"held\""))).contains("data-fragment=\"held\"");
    }

    /** The dashboard once it satisfies {@code condition}, or as it is after 3 s. */
    String awaitPage(java.util.function.Predicate<String> condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(3).toNanos();
        String page = "";
        while (System.nanoTime() < deadline) {
            page = pages.get().uri("/admin").exchange().expectStatus().isOk().returnResult(String.class).getResponseBody()
                    .collectList().block().stream().reduce("", String::concat);
            if (condition.test(page)) {
                break;
            }
            Thread.sleep(20);
        }
        return page;
    }

    @Test
    void theDatabaseIsNeverUsedFromAnEventLoopThread() {
        create("threads", "people", PEOPLE);
        web.get().uri("/api/fragments").header("Authorization", "Bearer " + PEOPLE).exchange().expectStatus().isOk();
        assertThat(JDBC_THREADS).isNotEmpty();
        assertThat(JDBC_THREADS).noneMatch(thread -> thread.contains("reactor-http") || thread.contains("nio")
                || thread.contains("epoll"));
    }
}
