package io.mosaic.gateway.registry.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.TestOrigin;
import io.mosaic.gateway.support.Tokens;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * Guessing tokens is throttled per client address: after five failed sign-ins within the window,
 * a form sign-in or a bearer token from that address gets 429 with Retry-After, the right token
 * included, until the window has passed; other addresses are not held back, and a team's proxied
 * API answering 401 is not a failed sign-in.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mosaic.control.sign-in.max-failures=5", "mosaic.control.sign-in.window=3s"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SignInThrottleTest {

    static final TestOrigin ORIGIN = new TestOrigin()
            .html("/nav", "<nav>Nav</nav>")
            .on("/api/private", exchange -> TestOrigin.send(exchange, 401, "text/plain", "the team's own auth said no"));
    static final String ADMIN = "admin-token-0123456789";
    static final String PEOPLE = "people-token-0123456789";

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - {name: nav, team: platform, url: "%s/nav", proxy: [/api]}
                pages:
                  - {path: /admin, layout: dashboard, slots: {header: nav, widgets: {open: true}}}
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

    @Value("${local.control.port}")
    int controlPort;

    @LocalServerPort
    int pagesPort;

    WebTestClient control() {
        return ApiClients.control(environment);
    }

    int bearer(String token) {
        return control().get().uri("/api/pages").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange()
                .returnResult(String.class).getStatus().value();
    }

    @Test
    @Order(1)
    void guessingBearerTokensIsThrottledPerAddressTheRightTokenIncludedUntilTheWindowPasses() throws Exception {
        double before = failures("bearer");
        for (int i = 0; i < 5; i++) {
            assertThat(bearer("guess-" + i)).as("guess " + i).isEqualTo(401);
        }
        EntityExchangeResult<String> throttled = control().get().uri("/api/pages").header(HttpHeaders.AUTHORIZATION, "Bearer " + ADMIN)
                .exchange().expectStatus().isEqualTo(429).expectBody(String.class).returnResult();
        assertThat(Integer.parseInt(throttled.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isBetween(1, 3);
        assertThat(throttled.getResponseBody()).contains("too many failed sign-ins");

        // Another client address is not held back by this one's guessing.
        assertThat(statusFrom("127.0.0.2", controlPort, "GET /api/pages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ADMIN
                + "\r\nConnection: close\r\n\r\n")).isEqualTo(200);
        // A request without a token (a session, a health check) is no sign-in: never throttled.
        control().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();

        Thread.sleep(3_100);
        assertThat(bearer(ADMIN)).as("once the window has passed").isEqualTo(200);
        assertThat(failures("bearer") - before).isEqualTo(5);
        assertThat(metric("mosaic_control_sign_in_throttled_total")).isGreaterThanOrEqualTo(1);
    }

    @Test
    @Order(2)
    void guessingOnTheConsolesSignInFormIsThrottledToo() throws Exception {
        Thread.sleep(3_100); // the bearer test's failures from this address are past the window
        for (int i = 0; i < 5; i++) {
            assertThat(signIn("guess-" + i).getResponseHeaders().getLocation()).hasToString("/console/login?error");
        }
        EntityExchangeResult<String> refused = signIn(PEOPLE);
        assertThat(refused.getStatus().value()).isEqualTo(429);
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotNull();
        Thread.sleep(3_100);
        assertThat(signIn(PEOPLE).getResponseHeaders().getLocation()).hasToString("/console");
    }

    @Test
    void aTeamsApiAnswering401ThroughTheProxyIsNoFailedSignIn() throws Exception {
        for (int i = 0; i < 8; i++) {
            assertThat(statusFrom("127.0.0.3", pagesPort, "GET /fragments/nav/api/private HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer team-api-token-" + i + "\r\nConnection: close\r\n\r\n")).isEqualTo(401);
        }
        assertThat(statusFrom("127.0.0.3", controlPort, "GET /api/pages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + PEOPLE
                + "\r\nConnection: close\r\n\r\n")).isEqualTo(200);
    }

    /** A sign-in through the console's form, as a browser makes it, from 127.0.0.1. */
    EntityExchangeResult<String> signIn(String token) {
        EntityExchangeResult<String> login = control().get().uri("/console/login").accept(MediaType.TEXT_HTML).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult();
        String csrf = Jsoup.parse(login.getResponseBody()).select("input[name=_csrf]").attr("value");
        ResponseCookie session = login.getResponseCookies().getFirst("mosaic-console");
        return control().post().uri("/console/login").cookie("mosaic-console", session.getValue())
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", "token").with("password", token).with("_csrf", csrf))
                .exchange().expectBody(String.class).returnResult();
    }

    /** The status of {@code request}, sent from the loopback address {@code from} to {@code port}. */
    int statusFrom(String from, int port, String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                head.write(b);
            }
            return Integer.parseInt(head.toString(StandardCharsets.ISO_8859_1).substring(9, 12));
        }
    }

    double failures(String kind) {
        return metric("mosaic_control_sign_in_failures_total{kind=\"" + kind + "\"}");
    }

    double metric(String series) {
        String text = ApiClients.prometheus(environment);
        return text.lines().filter(line -> line.startsWith(series + " ")).mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }
}
