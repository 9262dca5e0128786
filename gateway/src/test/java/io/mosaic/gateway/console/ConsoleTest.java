package io.mosaic.gateway.console;

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
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** The console in the real gateway: sign-in, the session cookie, CSRF, the views, team against team. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ConsoleTest {

    static final TestOrigin ORIGIN = new TestOrigin()
            .on("/nav", exchange -> {
                exchange.getResponseHeaders().add("X-Fragment-Version", "3.4.0");
                TestOrigin.send(exchange, 200, "text/html", "<nav class=nav>Nav</nav>");
            })
            .on("/down", exchange -> TestOrigin.send(exchange, 503, "text/plain", "down for maintenance"));
    /** How the console writes every time: {@code 2026-12-07 20:31:05 UTC}. */
    static final String UTC_TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC";
    static final String PEOPLE = "people-token-0123456789";
    static final String ADMIN = "admin-token-0123456789";
    /** The console's session cookie: the gateway's own name, so no team's fragment receives it unless granted. */
    static final String SESSION = "mosaic-console";

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - {name: nav, team: platform, url: "%s/nav", fallback: "<p class=fb>Nav fallback</p>"}
                pages:
                  - path: /admin
                    layout: dashboard
                    slots: {header: nav, widgets: {open: true, max: 4}}
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", file::toString);
        registry.add("mosaic.registry.teams.people.token-sha256", () -> Tokens.sha256(PEOPLE));
        registry.add("mosaic.registry.admin.token-sha256", () -> Tokens.sha256(ADMIN));
        registry.add("mosaic.registry.allowed-origins", () -> ORIGIN.url(""));
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    /** The console, on the control origin. */
    WebTestClient web;
    /** The pages' origin. */
    WebTestClient pages;
    org.springframework.core.env.Environment environment;

    @org.springframework.boot.test.web.server.LocalServerPort
    int pagesPort;

    @Autowired
    void client(WebTestClient client, org.springframework.core.env.Environment environment) {
        pages = client.mutate().responseTimeout(Duration.ofSeconds(20)).build();
        web = ApiClients.control(environment);
        this.environment = environment;
    }

    /** Signs in through the form as a browser would: the sign-in page's CSRF token and session, then the token. */
    ResponseCookie signIn(String token) {
        EntityExchangeResult<String> login = web.get().uri("/console/login").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult();
        String csrf = Jsoup.parse(login.getResponseBody()).select("input[name=_csrf]").attr("value");
        ResponseCookie session = login.getResponseCookies().getFirst(SESSION);
        assertThat(csrf).isNotEmpty();
        EntityExchangeResult<Void> signedIn = web.post().uri("/console/login").cookie(SESSION, session.getValue())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "token").with("password", token).with("_csrf", csrf))
                .exchange().expectStatus().is3xxRedirection().expectBody().isEmpty();
        assertThat(signedIn.getResponseHeaders().getLocation()).hasToString("/console");
        ResponseCookie after = signedIn.getResponseCookies().getFirst(SESSION);
        // Session fixation: whatever session id the browser had before, signing in gives it a new one.
        assertThat(after).as("a new session cookie at sign-in").isNotNull();
        assertThat(after.getValue()).isNotEqualTo(session.getValue());
        return after;
    }

    @Test
    void browsersWithoutASessionAreSentToSignInAndOtherClientsGet401() {
        web.get().uri("/console").accept(MediaType.TEXT_HTML).exchange().expectStatus().is3xxRedirection()
                .expectHeader().location("/console/login");
        web.get().uri("/console").accept(MediaType.APPLICATION_JSON).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void signingInGivesAStrictHttpOnlySessionCookieAndAWrongTokenIsRefused() {
        ResponseCookie session = signIn(PEOPLE);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getPath()).isEqualTo("/console");
        Document page = Jsoup.parse(web.get().uri("/console").cookie(SESSION, session.getValue()).accept(MediaType.TEXT_HTML)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(page.select("[data-fragment-row=nav] td").get(0).text()).isEqualTo("platform");
        assertThat(page.select(".who").text()).contains("Signed in as team people");
        EntityExchangeResult<String> login = web.get().uri("/console/login").exchange().expectBody(String.class).returnResult();
        String csrf = Jsoup.parse(login.getResponseBody()).select("input[name=_csrf]").attr("value");
        web.post().uri("/console/login").cookie(SESSION, login.getResponseCookies().getFirst(SESSION).getValue())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "token").with("password", "wrong").with("_csrf", csrf))
                .exchange().expectStatus().is3xxRedirection().expectHeader().location("/console/login?error");
    }

    @Test
    void signingOutEndsTheSession() {
        ResponseCookie session = signIn(PEOPLE);
        Document page = Jsoup.parse(web.get().uri("/console").cookie(SESSION, session.getValue()).accept(MediaType.TEXT_HTML)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        String csrf = page.select("form[action=/console/logout] input[name=_csrf]").attr("value");
        assertThat(csrf).isNotEmpty();
        web.post().uri("/console/logout").cookie(SESSION, session.getValue()).accept(MediaType.TEXT_HTML)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData("_csrf", csrf))
                .exchange().expectStatus().is3xxRedirection().expectHeader().location("/console/login?signed-out");
        assertThat(Jsoup.parse(web.get().uri("/console/login?signed-out").exchange().expectBody(String.class).returnResult()
                .getResponseBody()).select("[role=status]").text()).isEqualTo("You are signed out.");
        web.get().uri("/console").cookie(SESSION, session.getValue()).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().is3xxRedirection().expectHeader().location("/console/login");
    }

    @Autowired
    io.mosaic.gateway.plan.PlanHolder plans;

    @Test
    void aStateChangingRequestWithoutItsOwnSessionsCsrfTokenIsRefusedAndChangesNothing() {
        ResponseCookie session = signIn(ADMIN);
        int audited = auditEntries("nav");
        web.post().uri("/console/fragments/nav/breaker").cookie(SESSION, session.getValue())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData("action", "force-open"))
                .exchange().expectStatus().isForbidden();
        // Another session's valid token does not do for this one.
        ResponseCookie other = signIn(ADMIN);
        String othersToken = Jsoup.parse(web.get().uri("/console/fragments/nav").cookie(SESSION, other.getValue())
                .accept(MediaType.TEXT_HTML).exchange().expectBody(String.class).returnResult().getResponseBody())
                .select("form[action=/console/fragments/nav/breaker] input[name=_csrf]").first().attr("value");
        web.post().uri("/console/fragments/nav/breaker").cookie(SESSION, session.getValue())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("action", "force-open").with("_csrf", othersToken))
                .exchange().expectStatus().isForbidden();
        assertThat(plans.current().fragments().get("nav").breaker().getState())
                .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);
        assertThat(auditEntries("nav")).isEqualTo(audited);
    }

    @Test
    void aTeamPostingTheBreakerFormWithAValidCsrfTokenIsForbiddenAndChangesNothing() {
        ResponseCookie session = signIn(PEOPLE);
        int audited = auditEntries("nav");
        // A team's own, valid token (from a form it may use) on the admin's incident control.
        String csrf = Jsoup.parse(web.get().uri("/console/fragments/new").cookie(SESSION, session.getValue())
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).select("input[name=_csrf]").attr("value");
        assertThat(csrf).isNotEmpty();
        web.post().uri("/console/fragments/nav/breaker").cookie(SESSION, session.getValue())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("action", "force-open").with("_csrf", csrf))
                .exchange().expectStatus().isForbidden();
        assertThat(plans.current().fragments().get("nav").breaker().getState())
                .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.CLOSED);
        assertThat(auditEntries("nav")).isEqualTo(audited);
    }

    /** How many audit entries the admin reads for {@code fragment}. */
    int auditEntries(String fragment) {
        return web.get().uri("/api/audit?fragment=" + fragment).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).exchange()
                .expectStatus().isOk().expectBody(java.util.List.class).returnResult().getResponseBody().size();
    }

    @Test
    void anAdminsHeldBreakerHoldsWhateverTheTeamChangesUntilAnAdminReleasesIt() {
        String document = """
                {"team": "people", "url": "%s", "fallback": "<p class=held>Held</p>",
                 "mount": [{"page": "/admin", "slot": "widgets", "order": 40}]}""";
        register("holdable", document.formatted(ORIGIN.url("/nav")));
        ResponseCookie admin = signIn(ADMIN);
        try {
            String csrf = Jsoup.parse(web.get().uri("/console/fragments/holdable").cookie(SESSION, admin.getValue())
                    .accept(MediaType.TEXT_HTML).exchange().expectBody(String.class).returnResult().getResponseBody())
                    .select("form[action=/console/fragments/holdable/breaker] input[name=_csrf]").first().attr("value");
            web.post().uri("/console/fragments/holdable/breaker").cookie(SESSION, admin.getValue())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData("action", "force-open").with("_csrf", csrf)).exchange().expectStatus().is3xxRedirection();
            assertThat(boxState("holdable")).isEqualTo("fallback");
            // The team changes its origin and breaker settings: a new breaker, which the admin's hold still holds.
            web.put().uri("/api/fragments/holdable").header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE).header(HttpHeaders.IF_MATCH, "\"1\"")
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(document.formatted(ORIGIN.url("/nav") + "?v=2").replace("}]}",
                            "}], \"circuitBreaker\": {\"openFor\": \"20s\"}}")).exchange().expectStatus().isOk();
            assertThat(plans.current().fragments().get("holdable").breaker().getState())
                    .isEqualTo(io.github.resilience4j.circuitbreaker.CircuitBreaker.State.FORCED_OPEN);
            assertThat(boxState("holdable")).isEqualTo("fallback");
            Document detail = html("/console/fragments/holdable", admin);
            assertThat(detail.select("[role=status]").text()).contains("held open by an admin");
            web.post().uri("/console/fragments/holdable/breaker").cookie(SESSION, admin.getValue())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData("action", "release").with("_csrf", csrf)).exchange().expectStatus().is3xxRedirection();
            assertThat(boxState("holdable")).isEqualTo("ok");
        } finally {
            unregister("holdable");
        }
    }

    String boxState(String fragment) {
        return Jsoup.parse(pages.get().uri("/admin").exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody()).select("[data-fragment=" + fragment + "]").attr("data-fragment-state");
    }

    @Test
    void theFragmentsViewShowsLiveStateVersionAndTheEventsStreamSendsRows() {
        pages.get().uri("/admin").exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        Document page = Jsoup.parse(web.get().uri("/console").header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE)
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(page.select("[data-fragment-row=nav] [data-cell=version]").text()).isEqualTo("3.4.0");
        assertThat(page.select("[data-fragment-row=nav] [data-cell=breaker]").text()).isEqualTo("● closed");
        assertThat(page.select("[data-fragment-row=nav] [data-cell=p50]").text()).endsWith("ms");
        String event = web.get().uri("/console/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE)
                .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody().blockFirst(Duration.ofSeconds(5));
        assertThat(event).contains("\"name\":\"nav\"").contains("\"breaker\":\"closed\"").contains("\"version\":\"3.4.0\"");
    }

    @Test
    void pagesReportTimingsAndMetricsTaggedOnlyWithRealPagesAndFragments() {
        String page = pages.get().uri("/admin").exchange().expectStatus().isOk().expectBody(String.class).returnResult()
                .getResponseBody();
        assertThat(page.strip()).matches("(?s).*</html>\\s*<!-- Server-Timing: nav;desc=ok;cache=miss;dur=[0-9.]+, ([a-z-]+;desc=[a-z]+(;cache=[a-z]+)?(;dur=[0-9.]+)?, )*page;dur=[0-9.]+ -->$");
        pages.get().uri("/admin-no-such-page").exchange().expectStatus().isNotFound();
        String metrics = ApiClients.prometheus(environment);
        assertThat(metrics).contains("mosaic_page_latency_seconds_count{page=\"/admin\",status=\"200\"}")
                .contains("mosaic_page_first_byte_seconds_count{page=\"/admin\"}")
                .contains("mosaic_page_latency_seconds_bucket{page=\"/admin\"")
                .contains("mosaic_fragment_bytes_count{fragment=\"nav\"}")
                .contains("mosaic_fragment_latency_seconds_bucket{fragment=\"nav\"")
                .doesNotContain("admin-no-such-page");
    }

    @Test
    void anAdminForcesABreakerOpenAndThePageServesTheFallbackAndTheAuditLogSaysWho() {
        ResponseCookie session = signIn(ADMIN);
        Document detail = Jsoup.parse(web.get().uri("/console/fragments/nav").cookie(SESSION, session.getValue())
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        String csrf = detail.select("form[action=/console/fragments/nav/breaker] input[name=_csrf]").first().attr("value");
        web.post().uri("/console/fragments/nav/breaker").cookie(SESSION, session.getValue()).header("X-Request-Id", "req-force-1")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("action", "force-open").with("_csrf", csrf))
                .exchange().expectStatus().is3xxRedirection();
        try {
            Document admin = Jsoup.parse(pages.get().uri("/admin").exchange().expectBody(String.class).returnResult().getResponseBody());
            assertThat(admin.select("[data-fragment=nav]").attr("data-fragment-state")).isEqualTo("fallback");
            assertThat(admin.select("[data-fragment=nav] .fb").text()).isEqualTo("Nav fallback");
            web.get().uri("/api/audit?fragment=nav").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).exchange()
                    .expectBody().jsonPath("$[0].action").isEqualTo("breaker force-open").jsonPath("$[0].actor").isEqualTo("admin")
                    .jsonPath("$[0].requestId").isEqualTo("req-force-1");
            Document after = Jsoup.parse(web.get().uri("/console/fragments/nav").cookie(SESSION, session.getValue())
                    .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
            assertThat(after.select("section[aria-labelledby=audit] li").first().text()).as("the detail page's audit, newest first")
                    .endsWith("UTC · admin · breaker force-open");
        } finally {
            web.post().uri("/console/fragments/nav/breaker").cookie(SESSION, session.getValue())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData("action", "release").with("_csrf", csrf))
                    .exchange().expectStatus().is3xxRedirection();
        }
        assertThat(Jsoup.parse(pages.get().uri("/admin").exchange().expectBody(String.class).returnResult().getResponseBody())
                .select("[data-fragment=nav]").attr("data-fragment-state")).isEqualTo("ok");
    }

    @Test
    void theDetailPageListsTheFragmentsRecentOutcomesNewestFirst() {
        ResponseCookie session = signIn(ADMIN);
        pages.get().uri("/admin").exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        breaker(session, "force-open");
        try {
            pages.get().uri("/admin").exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        } finally {
            breaker(session, "release");
        }
        pages.get().uri("/admin").exchange().expectStatus().isOk().expectBody(String.class).returnResult();

        Document detail = Jsoup.parse(web.get().uri("/console/fragments/nav").cookie(SESSION, session.getValue())
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        org.jsoup.nodes.Element table = detail.selectFirst("section[aria-labelledby=recent-outcomes] table");
        assertThat(table).isNotNull();
        assertThat(table.select("caption").text()).startsWith("The last 20 outcomes");
        assertThat(table.select("thead th[scope=col]").eachText()).containsExactly("Time", "Outcome", "Reason", "Latency");
        org.jsoup.select.Elements rows = table.select("tbody tr");
        assertThat(rows.size()).isBetween(3, 20);
        assertThat(rows.get(0).select("td").get(0).text()).isEqualTo("● ok");
        assertThat(rows.get(0).select(".state").hasClass("state-ok")).isTrue();
        assertThat(rows.get(0).select("td.reason").text()).isEmpty();
        assertThat(rows.get(0).select("td.latency").text()).endsWith("ms");
        assertThat(rows.get(1).select("td").get(0).text()).isEqualTo("▲ fallback");
        assertThat(rows.get(1).select(".state").hasClass("state-fallback")).isTrue();
        assertThat(rows.get(1).select("td.reason summary").text()).isEqualTo("breaker open");
        assertThat(rows.get(1).select("td.reason details").text()).isEqualTo("breaker open circuit breaker is open");
        assertThat(rows.get(1).select("td.latency").text()).isEqualTo("–");
        assertThat(rows.get(2).select("td").get(0).text()).isEqualTo("● ok");
        java.util.List<java.time.Instant> times = rows.select("th[scope=row] time").eachAttr("datetime").stream()
                .map(java.time.Instant::parse).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(rows.select("th[scope=row] time").eachText()).allMatch(text -> text.matches(UTC_TIME));
    }

    @Test
    void everyTimeTheConsoleShowsIsInOneFormatInUtc() {
        String document = """
                {"team": "people", "url": "%s", "fallback": "<p>Down</p>",
                 "mount": [{"page": "/admin", "slot": "widgets", "order": 30}]}""".formatted(ORIGIN.url("/down"));
        register("downtime", document);
        try {
            pages.get().uri("/admin").exchange().expectStatus().isOk().expectBody(String.class).returnResult();
            ResponseCookie session = signIn(ADMIN);
            Document detail = html("/console/fragments/downtime", session);
            assertThat(detail.select("[data-cell=lastFailure]").text()).matches("server error at " + UTC_TIME);
            assertThat(detail.select("section[aria-labelledby=recent-outcomes] tbody th time").eachText())
                    .isNotEmpty().allMatch(text -> text.matches(UTC_TIME));
            assertThat(detail.select("section[aria-labelledby=revisions] tbody time").eachText())
                    .hasSize(1).allMatch(text -> text.matches(UTC_TIME));
            assertThat(detail.select("section[aria-labelledby=audit] li").eachText())
                    .isNotEmpty().allMatch(text -> text.matches(UTC_TIME + " · team:people · create"));
            // The same time as the datetime machines read.
            org.jsoup.nodes.Element revision = detail.selectFirst("section[aria-labelledby=revisions] tbody time");
            assertThat(revision.text()).isEqualTo(ConsoleTime.UTC.format(java.time.Instant.parse(revision.attr("datetime"))));

            Document fragments = html("/console", session);
            assertThat(fragments.select("[data-fragment-row=downtime] [data-cell=lastFailure]").text())
                    .matches("server error at " + UTC_TIME);
            Document audit = html("/console/audit?fragment=downtime", session);
            assertThat(audit.select("tbody td time").eachText()).isNotEmpty().allMatch(text -> text.matches(UTC_TIME));
            String event = web.get().uri("/console/events").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                    .accept(MediaType.TEXT_EVENT_STREAM).exchange().expectStatus().isOk()
                    .returnResult(String.class).getResponseBody().blockFirst(Duration.ofSeconds(5));
            assertThat(event).containsPattern("\"lastFailure\":\"server error at " + UTC_TIME + "\"");
        } finally {
            unregister("downtime");
        }
    }

    @Test
    void theRevisionListOffersRestoreOnlyOnOlderRevisions() {
        String document = """
                {"team": "people", "url": "%s", "fallback": "<p>%s</p>"}""";
        register("history", document.formatted(ORIGIN.url("/nav"), "First"));
        try {
            web.put().uri("/api/fragments/history").header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE)
                    .header(HttpHeaders.IF_MATCH, "\"1\"").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(document.formatted(ORIGIN.url("/nav"), "Second")).exchange().expectStatus().isOk();
            ResponseCookie session = signIn(PEOPLE);
            Document detail = html("/console/fragments/history", session);
            assertThat(restoreOffers(detail)).containsExactly("2 Current", "1 Restore revision 1");

            String csrf = detail.select("form[action=/console/fragments/history/revisions/1/restore] input[name=_csrf]").attr("value");
            web.post().uri("/console/fragments/history/revisions/1/restore").cookie(SESSION, session.getValue())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(BodyInserters.fromFormData("_csrf", csrf))
                    .exchange().expectStatus().is3xxRedirection()
                    .expectHeader().location("/console/fragments/history?restored=1");
            Document restored = html("/console/fragments/history", session);
            assertThat(restoreOffers(restored)).containsExactly("3 Current", "2 Restore revision 2", "1 Restore revision 1");
            assertThat(restored.select("tr[aria-current=true] td").first().text()).isEqualTo("3");
        } finally {
            unregister("history");
        }
    }

    /** Each revision row's number and what its last cell offers: "Current", or its restore button's accessible name. */
    static java.util.List<String> restoreOffers(Document detail) {
        return detail.select("section[aria-labelledby=revisions] tbody tr").stream()
                .map(tr -> tr.select("td").first().text() + " " + (tr.select("button").isEmpty()
                        ? tr.select("td").last().text() : tr.select("button").attr("aria-label")))
                .toList();
    }

    Document html(String path, ResponseCookie session) {
        return Jsoup.parse(web.get().uri(path).cookie(SESSION, session.getValue()).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
    }

    void register(String name, String document) {
        web.put().uri("/api/fragments/" + name).header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE)
                .header(HttpHeaders.IF_NONE_MATCH, "*").contentType(MediaType.APPLICATION_JSON).bodyValue(document)
                .exchange().expectStatus().isCreated();
    }

    void unregister(String name) {
        String etag = web.get().uri("/api/fragments/" + name).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN).exchange()
                .expectStatus().isOk().returnResult(String.class).getResponseHeaders().getETag();
        web.delete().uri("/api/fragments/" + name).header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                .header(HttpHeaders.IF_MATCH, etag).exchange().expectStatus().isNoContent();
    }

    /** Posts an incident control of nav's breaker as the signed-in admin. */
    void breaker(ResponseCookie session, String action) {
        Document detail = Jsoup.parse(web.get().uri("/console/fragments/nav").cookie(SESSION, session.getValue())
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        String csrf = detail.select("form[action=/console/fragments/nav/breaker] input[name=_csrf]").first().attr("value");
        web.post().uri("/console/fragments/nav/breaker").cookie(SESSION, session.getValue())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("action", action).with("_csrf", csrf))
                .exchange().expectStatus().is3xxRedirection();
    }

    @Test
    void thePagesViewShowsEachPagesSlotsAndOpenPlaces() {
        Document pages = Jsoup.parse(web.get().uri("/console/pages").header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE)
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(pages.select(".page-card h2 a").text()).isEqualTo("/admin (/admin)");
        assertThat(pages.select(".slots li").eachText()).anySatisfy(slot -> assertThat(slot).startsWith("header").contains("nav"))
                .anySatisfy(slot -> assertThat(slot).startsWith("widgets open slot,").contains("of 4 places free"));
        // Previewed from the pages' origin: no team's markup is ever served on the console's.
        assertThat(pages.select("iframe").attr("src")).isEqualTo("http://127.0.0.1:" + pagesPort + "/admin");
    }

    @Test
    void everyConsolePageHasAStrictPolicyWhoseNonceOnlyTheConsolesScriptCarries() {
        EntityExchangeResult<String> answer = web.get().uri("/console/pages").header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE)
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        String policy = answer.getResponseHeaders().getFirst("Content-Security-Policy");
        Document page = Jsoup.parse(answer.getResponseBody());
        String nonce = page.select("script[src=/console/assets/console.js]").attr("nonce");
        assertThat(nonce).hasSize(24);
        assertThat(policy).contains("default-src 'none'").contains("script-src 'nonce-" + nonce + "';")
                .contains("frame-src http://127.0.0.1:" + pagesPort + ";").contains("frame-ancestors 'none'")
                .contains("form-action 'self'").doesNotContain("unsafe");
        assertThat(page.select("script:not([nonce])")).isEmpty();
        // A new nonce for every response; the sign-in page and a refusal carry the policy too.
        String again = web.get().uri("/console/pages").header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE)
                .accept(MediaType.TEXT_HTML).exchange().returnResult(String.class).getResponseHeaders().getFirst("Content-Security-Policy");
        assertThat(again).isNotEqualTo(policy).startsWith("default-src 'none'");
        assertThat(web.get().uri("/console/login").accept(MediaType.TEXT_HTML).exchange().returnResult(String.class)
                .getResponseHeaders().getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(web.get().uri("/console/audit").header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE).accept(MediaType.TEXT_HTML)
                .exchange().expectStatus().isForbidden().returnResult(String.class).getResponseHeaders()
                .getFirst("Content-Security-Policy")).contains("frame-ancestors 'none'");
    }

    @Test
    void aTeamCannotUseTheIncidentControlsOrTheAuditLog() {
        ResponseCookie session = signIn(PEOPLE);
        web.get().uri("/console/audit").cookie(SESSION, session.getValue()).accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isForbidden();
        Document detail = Jsoup.parse(web.get().uri("/console/fragments/nav").cookie(SESSION, session.getValue())
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        assertThat(detail.select("form[action=/console/fragments/nav/breaker]")).isEmpty();
        assertThat(detail.select("a:contains(Edit fragment)")).isEmpty();
    }

    @Test
    void aFormWithABadFieldShowsTheErrorNextToItAndSavesNothing() {
        ResponseCookie session = signIn(PEOPLE);
        Document form = Jsoup.parse(web.get().uri("/console/fragments/new").cookie(SESSION, session.getValue())
                .accept(MediaType.TEXT_HTML).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody());
        String csrf = form.select("input[name=_csrf]").attr("value");
        assertThat(form.select("input#team").attr("value")).isEqualTo("people");
        Document refused = Jsoup.parse(web.post().uri("/console/fragments/new").cookie(SESSION, session.getValue())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("name", "weather").with("team", "people").with("url", ORIGIN.url("/nav").toString())
                        .with("timeout", "2 s").with("mountPage", "/admin").with("mountSlot", "widgets").with("_csrf", csrf))
                .exchange().expectStatus().isBadRequest().expectBody(String.class).returnResult().getResponseBody());
        assertThat(refused.select("input#timeout").attr("aria-invalid")).isEqualTo("true");
        assertThat(refused.select("#timeout-error").text())
                .isEqualTo("'2 s' is not a duration such as 250ms, 2s or 5m (units: ms, s, m, h, d)");
        assertThat(refused.select("input#url").attr("value")).isEqualTo(ORIGIN.url("/nav").toString());
        web.get().uri("/api/fragments/weather").header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE).exchange()
                .expectStatus().isNotFound();
        web.post().uri("/console/fragments/new").cookie(SESSION, session.getValue())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("name", "weather").with("team", "people").with("url", ORIGIN.url("/nav").toString())
                        .with("timeout", "2s").with("mountPage", "/admin").with("mountSlot", "widgets").with("_csrf", csrf))
                .exchange().expectStatus().is3xxRedirection().expectHeader().location("/console/fragments/weather?saved");
        web.get().uri("/api/fragments/weather").header(HttpHeaders.AUTHORIZATION, "Bearer " + PEOPLE).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.fragment.mount[0].slot").isEqualTo("widgets");
    }
}
