package io.mosaic.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.RawHttp;
import io.mosaic.gateway.support.TestOrigin;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway's own server against clients that hold connections open or send too much, on both
 * of its origins: the control port is built from the pages' server settings and must hold the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mosaic.server.header-read-timeout=1s", "server.netty.idle-timeout=3s", "mosaic.warm-up.rounds=0"})
class ServerLimitsTest {

    static final TestOrigin ORIGIN = new TestOrigin().html("/main", "<p>main</p>");

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - {name: main, team: people, url: "%s/main"}
                pages:
                  - {path: /admin, layout: admin, slots: {main: main}}
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", file::toString);
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @LocalServerPort
    int pagesPort;

    @Value("${local.control.port}")
    int controlPort;

    /** The port of {@code origin} ({@code pages} or {@code control}). */
    int port(String origin) {
        return origin.equals("control") ? controlPort : pagesPort;
    }

    /** A path that answers 200 on {@code origin}. */
    static String ok(String origin) {
        return origin.equals("control") ? "/actuator/health/liveness" : "/admin";
    }

    /** Milliseconds until the server closed {@code socket}, reading and discarding; -1 if still open after 10 s. */
    private static long millisUntilClosed(Socket socket, long started) throws IOException {
        socket.setSoTimeout(10_000);
        InputStream in = socket.getInputStream();
        try {
            while (in.read() != -1) {
                // an answer (a 408, say) may come first; the close is what counts
            }
        } catch (java.net.SocketTimeoutException e) {
            return -1;
        } catch (SocketException e) {
            // reset: closed too
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    @ParameterizedTest
    @ValueSource(strings = {"pages", "control"})
    void halfARequestLineIsCutOffAfterTheHeaderReadTimeout(String origin) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(origin))) {
            long started = System.nanoTime();
            socket.getOutputStream().write("GET /adm".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThat(millisUntilClosed(socket, started)).isBetween(800L, 2500L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pages", "control"})
    void aDrippingRequestHeadIsCutOffAlthoughEveryByteIsActivity(String origin) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(origin))) {
            long started = System.nanoTime();
            OutputStream out = socket.getOutputStream();
            Thread drip = new Thread(() -> {
                try {
                    for (byte b : "GET /admin HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaa".getBytes()) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException e) {
                    // the server hung up, as it should
                }
            });
            drip.setDaemon(true);
            drip.start();
            // The idle timeout (3 s) never fires: a byte comes every 200 ms.
            assertThat(millisUntilClosed(socket, started)).isBetween(800L, 2500L);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pages", "control"})
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout(String origin) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(origin))) {
            long started = System.nanoTime();
            assertThat(millisUntilClosed(socket, started)).isBetween(2500L, 6000L);
        }
    }

    /** On the control port, whose short answers read in one go (a page streams in chunks). */
    @ParameterizedTest
    @ValueSource(strings = {"control"})
    void aKeptAliveConnectionServesTheNextRequestAfterAPause(String origin) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(origin))) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + ok(origin) + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes());
            out.flush();
            byte[] buffer = new byte[4096];
            int n = socket.getInputStream().read(buffer);
            assertThat(new String(buffer, 0, n, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
            Thread.sleep(1500);
            out.write(("GET " + ok(origin) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes());
            out.flush();
            n = socket.getInputStream().read(buffer);
            assertThat(new String(buffer, 0, n, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pages", "control"})
    void anOverlongRequestLineIsRefused(String origin) {
        RawHttp.Answer answer = RawHttp.send(port(origin), RawHttp.request("GET", ok(origin) + "?q=" + "a".repeat(9000)));
        assertThat(answer.status()).isIn(414, 400);
        assertThat(RawHttp.send(port(origin), RawHttp.request("GET", ok(origin) + "?q=" + "a".repeat(3000))).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"pages", "control"})
    void overlargeRequestHeadersAreRefused(String origin) {
        RawHttp.Answer answer = RawHttp.send(port(origin), RawHttp.request("GET", ok(origin), "X-Big: " + "b".repeat(20_000)));
        assertThat(answer.status()).isIn(431, 400);
        assertThat(RawHttp.send(port(origin), RawHttp.request("GET", ok(origin), "X-Big: " + "b".repeat(6000))).status()).isEqualTo(200);
    }
}
