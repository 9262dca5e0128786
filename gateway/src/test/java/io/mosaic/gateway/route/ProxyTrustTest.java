package io.mosaic.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.RawHttp;
import io.mosaic.gateway.support.TestOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The proxy as a team's origin and a browser meet it: real origins on loopback that echo what
 * they receive and answer hostile headers, requests written byte for byte on a socket. Each test
 * fails when the defence it names is removed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProxyTrustTest {

    /** A request as the origin received it, body included. */
    record Received(String method, String path, TestOrigin.Seen seen, byte[] body) {
    }

    static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    static final TestOrigin TEAM = new TestOrigin()
            .html("/fragment", "<p>team</p>")
            .html("/assets/app.css", "p { color: green }")
            .html("/secret", "the origin's secret")
            .on("/api/echo", ProxyTrustTest::echo)
            .on("/api/admin/users", ProxyTrustTest::echo)
            .on("/upload", ProxyTrustTest::echo)
            .on("/api/hostile", exchange -> {
                var headers = exchange.getResponseHeaders();
                headers.add("Service-Worker-Allowed", "/");
                headers.add("Clear-Site-Data", "\"*\"");
                headers.add("Strict-Transport-Security", "max-age=63072000; includeSubDomains; preload");
                headers.add("Access-Control-Allow-Origin", "*");
                headers.add("Access-Control-Allow-Credentials", "true");
                headers.add("Refresh", "0;url=http://evil.example/");
                headers.add("Content-Security-Policy", "script-src *");
                headers.add("X-Fragment-Version", "42");
                headers.add("ETag", "\"v42\"");
                headers.add("Cache-Control", "max-age=60");
                headers.add("Set-Cookie", "team_session=fresh; Path=/; Domain=127.0.0.1; HttpOnly");
                headers.add("Set-Cookie", "console_session=stolen; Path=/");
                TestOrigin.send(exchange, 200, "application/json", "{}");
            })
            .on("/api/redirect/inside", exchange -> redirect(exchange, "/api/echo?from=redirect"))
            .on("/api/redirect/relative", exchange -> redirect(exchange, "echo"))
            .on("/api/redirect/outside", exchange -> redirect(exchange, "/secret"))
            .on("/api/redirect/away", exchange -> redirect(exchange, "http://evil.example/phish"))
            .on("/api/redirect/console", exchange -> redirect(exchange, "/fragments/other/api/x"))
            .on("/api/redirect/escape", exchange -> redirect(exchange, "/api/..;/secret"));

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - name: team
                    team: people
                    url: "%1$s/fragment"
                    assets: {css: [/assets/app.css]}
                    proxy:
                      - /api
                      - {path: /api/admin, methods: [GET]}
                      - {path: /upload, methods: [POST, PUT]}
                    maxRequestBody: 1KiB
                    forward:
                      cookies: [team_session]
                      headers: [X-Tenant, Authorization]
                  - name: nobody
                    team: people
                    url: "%1$s/fragment"
                    proxy: [/upload]
                    maxRequestBody: 0
                pages:
                  - path: /admin
                    layout: admin
                    slots: {main: team}
                """.formatted(TEAM.url("")));
        registry.add("mosaic.manifest", file::toString);
        registry.add("mosaic.warm-up.rounds", () -> "0");
    }

    @AfterAll
    static void stop() {
        TEAM.close();
    }

    @LocalServerPort
    int port;

    /** The actuator is on the control origin. */
    @org.springframework.beans.factory.annotation.Value("${local.control.port}")
    int controlPort;

    private static void echo(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        RECEIVED.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                new TestOrigin.Seen(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                        java.util.Map.copyOf(exchange.getRequestHeaders())), body));
        TestOrigin.send(exchange, 200, "text/plain", exchange.getRequestMethod() + " " + body.length);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        TestOrigin.send(exchange, 302, "text/plain", "moved");
    }

    private RawHttp.Answer send(String method, String target, String... headers) {
        return RawHttp.send(port, RawHttp.request(method, target, headers));
    }

    private Received last() {
        assertThat(RECEIVED).as("requests the origin received").isNotEmpty();
        return RECEIVED.get(RECEIVED.size() - 1);
    }

    // ---- paths ----

    @ParameterizedTest
    @ValueSource(strings = {
            "/fragments/team/api/..;/secret", "/fragments/team/api/.;/secret", "/fragments/team/api/..%3b/secret",
            "/fragments/team/api/%2e%2e/secret", "/fragments/team/api/%2E%2E/secret", "/fragments/team/api/.%2e/secret",
            "/fragments/team/api/%c0%ae%c0%ae/secret", "/fragments/team/api/%ef%bc%8e%ef%bc%8e/secret",
            "/fragments/team/api/%2f..%2fsecret", "/fragments/team/api%5c..%5csecret", "/fragments/team/api//secret",
            "/fragments/team/api/%252e%252e/secret", "/fragments/team/api/../secret", "/fragments/team/assets/../secret",
            "/fragments/team/api/echo;jsessionid=1", "/fragments/team/api/%00/secret"})
    void escapingPathsAreRefusedWith400BeforeTheOriginIsCalled(String path) {
        int before = TEAM.calls();

        RawHttp.Answer answer = send("GET", path);

        assertThat(answer.status()).as(path + ": " + answer.body()).isEqualTo(400);
        assertThat(answer.body()).startsWith("path refused: ");
        assertThat(TEAM.calls()).as("origin calls for " + path).isEqualTo(before);
    }

    @Test
    void theRefusalNamesItsReason() {
        assertThat(send("GET", "/fragments/team/api/..;/secret").body()).isEqualTo("path refused: path parameters (;) are not allowed\n");
        assertThat(send("GET", "/fragments/team/api/%c0%ae%c0%ae/secret").body())
                .contains("not valid percent-encoded UTF-8");
    }

    @Test
    void cleanDeclaredPathsStillPass() {
        RawHttp.Answer answer = send("GET", "/fragments/team/api/echo?x=1");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(last().path()).isEqualTo("/api/echo");
        assertThat(send("GET", "/fragments/team/assets/app.css").body()).isEqualTo("p { color: green }");
        assertThat(send("GET", "/fragments/team/secret").status()).isEqualTo(404);
    }

    // ---- methods ----

    @Test
    void aProxyPrefixAnswersItsDeclaredMethodsOnly() {
        int before = TEAM.calls();
        RawHttp.Answer delete = send("DELETE", "/fragments/team/api/echo");
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.header("Allow")).isEqualTo("GET, HEAD, POST");
        RawHttp.Answer post = send("POST", "/fragments/team/api/admin/users", "Content-Length: 0");
        assertThat(post.status()).as("the longest prefix, /api/admin, allows GET only").isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET");
        RawHttp.Answer put = send("PUT", "/fragments/team/assets/app.css", "Content-Length: 0");
        assertThat(put.status()).isEqualTo(405);
        assertThat(put.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(send("TRACE", "/fragments/team/api/echo").status()).as("the firewall says 400 first").isIn(400, 405);
        assertThat(TEAM.calls()).as("origin calls").isEqualTo(before);

        assertThat(send("POST", "/fragments/team/api/echo", "Content-Length: 2", "", "").status()).isIn(200);
        assertThat(send("PUT", "/fragments/team/upload", "Content-Length: 0").status()).isEqualTo(200);
        assertThat(last().method()).isEqualTo("PUT");
    }

    @Test
    void aMadeUpMethodReachesNoOriginAndAddsNoMetricSeries() {
        int before = TEAM.calls();
        for (int i = 0; i < 3; i++) {
            RawHttp.Answer answer = send("FOO" + i, "/fragments/team/api/echo");
            assertThat(answer.status()).isEqualTo(501);
            assertThat(answer.body()).contains("unknown method, not forwarded");
            // A page path too (Spring Security's firewall refuses a made-up method with 400): no series per method either.
            assertThat(send("BAR" + i, "/admin").status()).isEqualTo(400);
        }
        assertThat(TEAM.calls()).isEqualTo(before);
        String metrics = RawHttp.send(controlPort, RawHttp.request("GET", "/actuator/prometheus", "Authorization: Bearer " + ApiClients.METRICS_TOKEN)).body();
        assertThat(metrics).contains("http_server_requests");
        assertThat(metrics).doesNotContain("FOO").doesNotContain("BAR");
    }

    // ---- bodies ----

    @Test
    void aBodyLargerThanDeclaredIsRefusedByItsLengthBeforeItIsSent() {
        int before = TEAM.calls();
        // Only the head: refused on its Content-Length, the gateway does not wait for 2000 bytes that never come.
        long started = System.nanoTime();
        RawHttp.Answer answer = send("POST", "/fragments/team/api/echo", "Content-Length: 2000", "Content-Type: text/plain");
        assertThat(answer.status()).as(answer.head()).isEqualTo(413);
        assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5000);
        assertThat(answer.body()).isEqualTo("fragment team: request body larger than the 1024 bytes this fragment accepts, origin not called\n");
        assertThat(TEAM.calls()).isEqualTo(before);
    }

    @Test
    void aChunkedBodyIsStoppedAtTheCapWhileItStreams() {
        int before = RECEIVED.size();
        StringBuilder chunks = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            chunks.append("100\r\n").append("y".repeat(256)).append("\r\n");
        }
        chunks.append("0\r\n\r\n");
        RawHttp.Answer answer = RawHttp.send(port, RawHttp.request("POST", "/fragments/team/api/echo",
                "Transfer-Encoding: chunked", "Content-Type: text/plain") + chunks);
        assertThat(answer.status()).as(answer.head()).isEqualTo(413);
        assertThat(RECEIVED.subList(before, RECEIVED.size())).as("no whole body reached the origin")
                .allSatisfy(received -> assertThat(received.body().length).isLessThanOrEqualTo(1024));
    }

    @Test
    void aBodyWithinTheCapReachesTheOriginWhole() {
        String body = "z".repeat(1000);
        RawHttp.Answer answer = RawHttp.send(port, RawHttp.request("POST", "/fragments/team/api/echo",
                "Content-Length: " + body.length(), "Content-Type: text/plain") + body);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(new String(last().body(), StandardCharsets.UTF_8)).isEqualTo(body);
    }

    @Test
    void aFragmentThatAcceptsNoBodyRefusesAnyBody() {
        int before = TEAM.calls();
        assertThat(RawHttp.send(port, RawHttp.request("POST", "/fragments/nobody/upload", "Content-Length: 1") + "x").status())
                .isEqualTo(413);
        assertThat(RawHttp.send(port, RawHttp.request("POST", "/fragments/nobody/upload", "Transfer-Encoding: chunked")
                + "1\r\nx\r\n0\r\n\r\n").status()).isEqualTo(413);
        assertThat(TEAM.calls()).isEqualTo(before);
        assertThat(send("POST", "/fragments/nobody/upload", "Content-Length: 0").status()).isEqualTo(200);
    }

    // ---- headers ----

    @Test
    void requestsCarryTheAllowListAndDeclaredHeadersAndCookiesOnly() {
        RawHttp.Answer answer = send("GET", "/fragments/team/api/echo",
                "Accept: application/json", "Accept-Language: de-CH", "traceparent: 00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
                "X-Request-Id: req-7", "X-Tenant: acme", "X-Custom-Outside: leaked",
                "Authorization: Bearer console-token", "X-Auth-Request-Access-Token: sso-token",
                "X-Auth-Request-Email: ada@example.com", "X-Forwarded-For: 203.0.113.9", "Referer: http://127.0.0.1/admin?token=1",
                "Cookie: console_session=c1; team_session=t1; other=o1");
        assertThat(answer.status()).isEqualTo(200);
        TestOrigin.Seen seen = last().seen();
        assertThat(seen.header("Accept")).isEqualTo("application/json");
        assertThat(seen.header("Accept-Language")).isEqualTo("de-CH");
        assertThat(seen.header("traceparent")).startsWith("00-0af7");
        assertThat(seen.header("X-Request-Id")).isEqualTo("req-7");
        assertThat(seen.header("X-Tenant")).as("declared").isEqualTo("acme");
        assertThat(seen.header("Cookie")).as("declared cookies only").isEqualTo("team_session=t1");
        assertThat(seen.header("X-Fragment-Base-Path")).isEqualTo("/fragments/team");
        // The operator's own manifest declares it: page fetches and the proxy follow the same list.
        assertThat(seen.header("Authorization")).as("declared in the operator's manifest").isEqualTo("Bearer console-token");
        for (String never : List.of("X-Custom-Outside", "X-Auth-Request-Access-Token", "X-Auth-Request-Email",
                "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Prefix", "Forwarded", "Referer")) {
            assertThat(seen.header(never)).as(never).isNull();
        }
    }

    @Test
    void hostileAnswerHeadersNeverReachTheBrowser() {
        RawHttp.Answer answer = send("GET", "/fragments/team/api/hostile");
        assertThat(answer.status()).isEqualTo(200);
        for (String hostile : List.of("Service-Worker-Allowed", "Clear-Site-Data", "Strict-Transport-Security",
                "Access-Control-Allow-Origin", "Access-Control-Allow-Credentials", "Refresh")) {
            assertThat(answer.header(hostile)).as(hostile).isNull();
        }
        // The origin's own policy is replaced by the sandbox every proxied answer gets.
        assertThat(answer.header("Content-Security-Policy")).isEqualTo(io.mosaic.gateway.policy.HeaderPolicy.SANDBOX);
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("Cross-Origin-Resource-Policy")).isEqualTo("same-origin");
        assertThat(answer.header("X-Fragment-Version")).isEqualTo("42");
        assertThat(answer.header("ETag")).isEqualTo("\"v42\"");
        assertThat(answer.header("Cache-Control")).isEqualTo("max-age=60");
        assertThat(answer.head()).contains("Set-Cookie: team_session=fresh; HttpOnly; Path=/fragments/team")
                .doesNotContain("console_session").doesNotContain("Domain");
    }

    @Test
    void aLocationIsKeptOnlyInsideTheFragmentsOwnProxyPaths() {
        assertThat(send("GET", "/fragments/team/api/redirect/inside").header("Location"))
                .isEqualTo("/fragments/team/api/echo?from=redirect");
        assertThat(send("GET", "/fragments/team/api/redirect/relative").header("Location")).isEqualTo("/fragments/team/api/redirect/echo");
        for (String elsewhere : List.of("outside", "away", "console", "escape")) {
            RawHttp.Answer answer = send("GET", "/fragments/team/api/redirect/" + elsewhere);
            assertThat(answer.status()).isEqualTo(302);
            assertThat(answer.header("Location")).as(elsewhere).isNull();
        }
    }
}
