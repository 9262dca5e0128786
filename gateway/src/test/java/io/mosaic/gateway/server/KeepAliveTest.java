package io.mosaic.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.RawHttp;
import io.mosaic.gateway.support.TestOrigin;
import io.mosaic.gateway.support.Tokens;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every answer leaves a kept-alive connection usable: the next request on it is read and
 * answered. Reactor Netty 1.3.x sometimes stopped reading a connection after a queued request
 * was answered (see {@link KeepAliveReads}); answers the registry API writes from its JDBC
 * threads and Spring Security's 401s and 403s made that common. Each round opens a connection
 * and sends a seeded random mix of answers on it, each waiting for the previous answer, as a
 * browser or a pooled client does.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeepAliveTest {

    static final TestOrigin ORIGIN = new TestOrigin().html("/widget", "<p class=\"w\">Widget</p>");
    static final String TEAM = "people-token-0123456789";

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
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", file::toString);
        registry.add("mosaic.registry.teams.people.token-sha256", () -> Tokens.sha256(TEAM));
        registry.add("mosaic.registry.writes-per-minute", () -> 10_000); // the test writes well over the default 60
        registry.add("mosaic.control.sign-in.max-failures", () -> 10_000); // and sends many wrong tokens on purpose
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    /** The registry API's answers (written from JDBC threads) are what made connections hang: they are on the control port. */
    @Value("${local.control.port}")
    int port;

    /** A request and the status it must get. */
    record Ask(String request, int status) {
    }

    static final List<Ask> ASKS = List.of(
            new Ask("GET /api/fragments HTTP/1.1\r\nHost: localhost\r\n\r\n", 401),
            new Ask("GET /api/fragments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer nope\r\n\r\n", 401),
            new Ask("GET /api/audit HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TEAM + "\r\n\r\n", 403),
            new Ask("GET /api/fragments HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TEAM + "\r\n\r\n", 200),
            new Ask("GET /actuator/health/liveness HTTP/1.1\r\nHost: localhost\r\n\r\n", 200),
            new Ask("GET /admin HTTP/1.1\r\nHost: localhost\r\n\r\n", 404), // a page: not served on the control port
            new Ask("GET /nothing HTTP/1.1\r\nHost: localhost\r\n\r\n", 404),
            new Ask("PUT /api/fragments/x HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\n\r\n{}", 401),
            new Ask("PUT /api/fragments/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TEAM + "\r\n"
                    + "Content-Type: application/json\r\nIf-None-Match: *\r\nContent-Length: 2\r\n\r\n{}", 400),
            new Ask("DELETE /api/fragments/x HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TEAM + "\r\n\r\n", 404));

    @Test
    void theNextRequestOnAConnectionIsAnsweredWhateverTheAnswerBeforeIt() throws Exception {
        Random random = new Random(4347);
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < 60 && failures.size() < 5; round++) {
            List<Integer> sent = new ArrayList<>();
            try (RawHttp.KeptAlive connection = new RawHttp.KeptAlive(port, 10_000)) {
                for (int i = 0; i < 6; i++) {
                    Ask ask = ASKS.get(random.nextInt(ASKS.size()));
                    sent.add(ask.status());
                    RawHttp.Answer answer = connection.exchange(ask.request());
                    if (answer == null) {
                        failures.add("round " + round + ": closed after answers " + sent);
                        break;
                    }
                    if (answer.status() != ask.status()) {
                        failures.add("round " + round + ": " + ask.request().lines().findFirst().orElseThrow()
                                + " answered " + answer.status() + " after " + sent);
                    }
                }
            } catch (SocketTimeoutException e) {
                failures.add("round " + round + ": no answer in 10 s to request " + sent.size() + " of " + sent);
            }
        }
        assertThat(failures).isEmpty();
    }
}
