package io.mosaic.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.mosaic.gateway.support.RawHttp;
import io.mosaic.gateway.support.TestOrigin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Request framing on both of the gateway's ports, written byte for byte on a socket: a request
 * whose length could be read two ways (RFC 9112 §6.1, §6.3) or with a folded header line (§5.2)
 * is answered 400 with its reason and its connection closed, and the origin behind the proxy
 * never sees it nor what its body smuggles; the plain forms next to each (chunked, one
 * Content-Length, whitespace inside a value, pipelining) keep working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mosaic.warm-up.rounds=0")
class RequestFramingTest {

    /** What the origin received: method, target, X-Tenant and body. */
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    static final TestOrigin TEAM = new TestOrigin()
            .html("/fragment", "<p>team</p>")
            .on("/api/echo", RequestFramingTest::echo);

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - name: team
                    team: people
                    url: "%s/fragment"
                    proxy: [/api]
                    forward: {headers: [X-Tenant]}
                pages:
                  - {path: /admin, layout: admin, slots: {main: team}}
                """.formatted(TEAM.url("")));
        registry.add("mosaic.manifest", file::toString);
    }

    @AfterAll
    static void stop() {
        TEAM.close();
    }

    private static void echo(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        RECEIVED.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " tenant="
                + exchange.getRequestHeaders().getFirst("X-Tenant") + " body=" + new String(body, StandardCharsets.ISO_8859_1));
        TestOrigin.send(exchange, 200, "text/plain", exchange.getRequestMethod() + " " + body.length);
    }

    @LocalServerPort
    int pagesPort;

    @Value("${local.control.port}")
    int controlPort;

    @BeforeEach
    void forget() {
        RECEIVED.clear();
    }

    int port(String origin) {
        return origin.equals("control") ? controlPort : pagesPort;
    }

    /** On the pages port, the proxied echo, which takes POST; on the control port, the liveness probe. */
    static String target(String origin) {
        return origin.equals("control") ? "/actuator/health/liveness" : "/fragments/team/api/echo";
    }

    /** A GET that answers 200 on each port. */
    static final Map<String, String> OK_GET = Map.of("pages", "/admin", "control", "/actuator/health/liveness");

    /** A request that would reach the origin if it were read as a request of its own. */
    static final String SMUGGLED = "GET /fragments/team/api/echo?smuggled HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    /** A request line, Host, {@code lines} (each ending CRLF), the empty line and {@code body}; kept alive. */
    static String request(String method, String target, String version, String lines, String body) {
        return method + " " + target + " " + version + "\r\nHost: 127.0.0.1\r\n" + lines + "\r\n" + body;
    }

    static String chunked(String data) {
        return Integer.toHexString(data.length()) + "\r\n" + data + "\r\n0\r\n\r\n";
    }

    /** A refused case: the header lines, the body, and the reason the 400 gives. */
    record Refused(String name, String version, String lines, String body, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final String BESIDE = "Transfer-Encoding beside Content-Length";
    static final String NOT_CHUNKED = "Transfer-Encoding other than chunked";
    static final String CL_REPEATED = "Content-Length repeated";
    static final String CL_MALFORMED = "Content-Length malformed";
    static final String FOLD = "obs-fold (a header line starting with a space or tab)";

    static final List<Refused> REFUSED = List.of(
            new Refused("xchunked beside Content-Length", "HTTP/1.1",
                    "Transfer-Encoding: xchunked\r\nContent-Length: " + chunked(SMUGGLED).length() + "\r\n", chunked(SMUGGLED), BESIDE),
            new Refused("xchunked alone, the body read as the next request", "HTTP/1.1",
                    "Transfer-Encoding: xchunked\r\n", SMUGGLED, NOT_CHUNKED),
            new Refused("gzip, chunked (never decoded)", "HTTP/1.1", "Transfer-Encoding: gzip, chunked\r\n", chunked(SMUGGLED), NOT_CHUNKED),
            new Refused("chunked twice on one line", "HTTP/1.1", "Transfer-Encoding: chunked, chunked\r\n", chunked(SMUGGLED), NOT_CHUNKED),
            new Refused("chunked, then another coding", "HTTP/1.1", "Transfer-Encoding: chunked, gzip\r\n", chunked(SMUGGLED), NOT_CHUNKED),
            new Refused("two Transfer-Encoding lines", "HTTP/1.1",
                    "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n", chunked(SMUGGLED), "Transfer-Encoding repeated"),
            new Refused("an unknown coding, then chunked on a line of its own", "HTTP/1.1",
                    "Transfer-Encoding: xchunked\r\nTransfer-Encoding: chunked\r\n", chunked(SMUGGLED), "Transfer-Encoding repeated"),
            new Refused("chunked beside Content-Length", "HTTP/1.1",
                    "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n", chunked(SMUGGLED), BESIDE),
            new Refused("chunked in HTTP/1.0", "HTTP/1.0", "Transfer-Encoding: chunked\r\n", chunked(SMUGGLED),
                    "Transfer-Encoding in an HTTP/1.0 request"),
            new Refused("two Content-Lengths that differ", "HTTP/1.1",
                    "Content-Length: 0\r\nContent-Length: " + SMUGGLED.length() + "\r\n", SMUGGLED, CL_REPEATED),
            new Refused("two equal Content-Lengths", "HTTP/1.1",
                    "Content-Length: " + SMUGGLED.length() + "\r\nContent-Length: " + SMUGGLED.length() + "\r\n", SMUGGLED, CL_REPEATED),
            new Refused("a Content-Length list", "HTTP/1.1", "Content-Length: 0, " + SMUGGLED.length() + "\r\n", SMUGGLED, CL_REPEATED),
            new Refused("a Content-Length that is no number", "HTTP/1.1", "Content-Length: abc\r\n", SMUGGLED, CL_MALFORMED),
            new Refused("a signed Content-Length", "HTTP/1.1", "Content-Length: +" + SMUGGLED.length() + "\r\n", SMUGGLED, CL_MALFORMED),
            new Refused("an empty Content-Length", "HTTP/1.1", "Content-Length: \r\n", SMUGGLED, CL_MALFORMED),
            new Refused("obs-fold with a space", "HTTP/1.1", "X-Tenant: a\r\n b\r\nContent-Length: 0\r\n", "", FOLD),
            new Refused("obs-fold with a tab", "HTTP/1.1", "X-Tenant: a\r\n\tb\r\nContent-Length: 0\r\n", "", FOLD),
            new Refused("obs-fold hiding chunked from Transfer-Encoding", "HTTP/1.1",
                    "Transfer-Encoding: x\r\n chunked\r\n", chunked(SMUGGLED), FOLD),
            new Refused("whitespace before the first header", "HTTP/1.1", " X-Tenant: a\r\nContent-Length: 0\r\n", "", FOLD));

    static Stream<Arguments> refusedOnBothPorts() {
        List<Arguments> all = new ArrayList<>();
        for (String origin : List.of("pages", "control")) {
            REFUSED.forEach(refused -> all.add(Arguments.of(origin, refused)));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refusedOnBothPorts")
    void ambiguousFramingIsRefusedWithItsReasonAndTheConnectionClosed(String origin, Refused refused) throws Exception {
        int before = TEAM.calls();
        try (RawHttp.KeptAlive connection = new RawHttp.KeptAlive(port(origin), 5000)) {
            RawHttp.Answer answer = connection.exchange(
                    request("POST", target(origin), refused.version(), refused.lines(), refused.body()));

            assertThat(answer).as("an answer before the close").isNotNull();
            assertThat(answer.status()).as(answer.head() + "\n\n" + answer.body()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("text/plain");
            assertThat(answer.body()).isEqualTo("request refused: " + refused.reason() + "\n");
            assertThat(connection.closedByServer()).as("the connection is closed").isTrue();
        }
        assertThat(TEAM.calls()).as("calls to the origin").isEqualTo(before);
        assertThat(RECEIVED).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pages", "control"})
    void theRefusalReachesAClientStillSendingALargeBody(String origin) throws Exception {
        int size = 8 * 1024 * 1024;
        try (RawHttp.KeptAlive connection = new RawHttp.KeptAlive(port(origin), 10_000)) {
            Thread sender = new Thread(() -> {
                try {
                    connection.write(request("POST", target(origin), "HTTP/1.1",
                            "Transfer-Encoding: xchunked\r\nContent-Length: " + size + "\r\n", ""));
                    byte[] chunk = new byte[64 * 1024];
                    java.util.Arrays.fill(chunk, (byte) 'x');
                    for (int sent = 0; sent < size; sent += chunk.length) {
                        connection.write(new String(chunk, StandardCharsets.ISO_8859_1));
                    }
                } catch (IOException e) {
                    // the server stopped reading: what counts is whether the answer got through
                }
            });
            sender.setDaemon(true);
            sender.start();

            RawHttp.Answer answer = connection.next();

            assertThat(answer).as("an answer, not a reset").isNotNull();
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).isEqualTo("request refused: " + BESIDE + "\n");
            assertThat(connection.closedByServer()).isTrue();
        }
        assertThat(RECEIVED).isEmpty();
    }

    // ---- the legal forms next to them ----

    @Test
    void aPlainChunkedPostReachesTheOriginWhole() throws Exception {
        try (RawHttp.KeptAlive connection = new RawHttp.KeptAlive(pagesPort, 5000)) {
            RawHttp.Answer answer = connection.exchange(request("POST", target("pages"), "HTTP/1.1",
                    "Transfer-Encoding: chunked\r\nContent-Type: text/plain\r\n", "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n"));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("POST 11");
            // The coding's name is case-insensitive.
            answer = connection.exchange(request("POST", target("pages"), "HTTP/1.1", "Transfer-Encoding: Chunked\r\n", chunked("again")));
            assertThat(answer.body()).isEqualTo("POST 5");
        }
        assertThat(RECEIVED).containsExactly("POST /api/echo tenant=null body=hello world", "POST /api/echo tenant=null body=again");
    }

    @Test
    void oneContentLengthAndWhitespaceInsideAValueReachTheOrigin() throws Exception {
        try (RawHttp.KeptAlive connection = new RawHttp.KeptAlive(pagesPort, 5000)) {
            RawHttp.Answer answer = connection.exchange(request("POST", target("pages"), "HTTP/1.1",
                    "Content-Length: 5\r\nX-Tenant: acme  north\tbranch\r\n", "hello"));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("POST 5");
            assertThat(connection.exchange(request("POST", target("pages"), "HTTP/1.1", "Content-Length: 0\r\n", "")).body())
                    .isEqualTo("POST 0");
        }
        // The JDK's HttpServer, the test origin, reads a tab in a header line as a space.
        assertThat(RECEIVED).containsExactly("POST /api/echo tenant=acme  north branch body=hello",
                "POST /api/echo tenant=null body=");
    }

    /** A body that would be a folded header line if it were read as part of a head. */
    static final String LOOKS_FOLDED = "a\r\n folded: no";

    @ParameterizedTest
    @ValueSource(strings = {"pages", "control"})
    void pipelinedRequestsWithBodiesAreAllAnswered(String origin) throws Exception {
        String target = target(origin);
        String method = origin.equals("control") ? "GET" : "POST";
        try (RawHttp.KeptAlive connection = new RawHttp.KeptAlive(port(origin), 5000)) {
            connection.write(request(method, target, "HTTP/1.1", "Transfer-Encoding: chunked\r\n", chunked("chunk\r\n body"))
                    + request(method, target, "HTTP/1.1", "Content-Length: " + LOOKS_FOLDED.length() + "\r\n", LOOKS_FOLDED)
                    + request("GET", OK_GET.get(origin), "HTTP/1.1", "X-Tenant: a \t b\r\n", "")
                    + request("GET", target, "HTTP/1.1", "", ""));
            for (int i = 0; i < 4; i++) {
                RawHttp.Answer answer = connection.next();
                assertThat(answer).as("answer " + i).isNotNull();
                assertThat(answer.status()).as("answer " + i + ": " + answer.body()).isEqualTo(200);
            }
            // No Connection: close in the pipeline: Reactor Netty 1.3.6 may apply a queued request's
            // close to the exchange still running and drop the answers after it, guard or not.
            assertThat(connection.exchange(request("GET", OK_GET.get(origin), "HTTP/1.1", "", "")).status())
                    .as("the connection still serves").isEqualTo(200);
        }
        if (origin.equals("pages")) {
            assertThat(RECEIVED).containsExactly("POST /api/echo tenant=null body=chunk\r\n body",
                    "POST /api/echo tenant=null body=a\r\n folded: no", "GET /api/echo tenant=null body=");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pages", "control"})
    void aRefusedRequestAfterPipelinedOnesIsRefusedOnceTheyAreAnswered(String origin) throws Exception {
        try (RawHttp.KeptAlive connection = new RawHttp.KeptAlive(port(origin), 5000)) {
            connection.write(request("GET", OK_GET.get(origin), "HTTP/1.1", "", "")
                    + request("GET", target(origin), "HTTP/1.1", "", "")
                    + request("POST", target(origin), "HTTP/1.1", "X-Tenant: a\r\n b\r\nContent-Length: 0\r\n", "")
                    + SMUGGLED);

            RawHttp.Answer first = connection.next();
            assertThat(first.status()).isEqualTo(200);
            if (origin.equals("pages")) {
                assertThat(first.body()).as("the whole page, not cut off by the refusal").contains("<p>team</p>").contains("</html>");
            }
            assertThat(connection.next().status()).isEqualTo(200);
            RawHttp.Answer refused = connection.next();
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body()).isEqualTo("request refused: " + FOLD + "\n");
            assertThat(connection.closedByServer()).isTrue();
        }
        if (origin.equals("pages")) {
            assertThat(RECEIVED).containsExactly("GET /api/echo tenant=null body=");
        }
    }
}
