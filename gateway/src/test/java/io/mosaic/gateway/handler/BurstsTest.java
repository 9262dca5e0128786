package io.mosaic.gateway.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.TestOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Pieces of a page that are ready together leave as one chunk: with every fragment stored, the
 * whole page (a dozen pieces: layout text, three boxes, the timing comment) is one or two writes,
 * not one per piece.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BurstsTest {

    static final TestOrigin ORIGIN = new TestOrigin();

    static {
        for (String name : List.of("a", "b", "c")) {
            ORIGIN.on("/" + name, exchange -> {
                exchange.getResponseHeaders().set("Cache-Control", "max-age=600");
                TestOrigin.send(exchange, 200, "text/html", "<p class=" + name + ">" + name + "</p>");
            });
        }
    }

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - {name: a, team: t, url: "%1$s/a"}
                  - {name: b, team: t, url: "%1$s/b"}
                  - {name: c, team: t, url: "%1$s/c"}
                pages:
                  - {path: /stored, layout: admin, slots: {header: a, main: b, aside: c}}
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", file::toString);
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @LocalServerPort
    int port;

    @Test
    void aPageWhoseFragmentsAreAllStoredLeavesInOneOrTwoChunks() throws Exception {
        chunks("/stored"); // stores the three answers
        List<String> chunks = chunks("/stored");
        String page = String.join("", chunks);
        assertThat(page).contains("data-fragment-cache=\"hit\"").contains("<p class=\"c\">c</p>").contains("</html>");
        assertThat(chunks).as("chunks of a page whose pieces were all ready at once").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void theServerTimingHeaderCarriesTheFragmentsDoneWhenTheHeadersLeave() throws Exception {
        chunks("/stored");
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/stored")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.headers().firstValue("Server-Timing")).hasValueSatisfying(timing -> assertThat(timing)
                .matches("a;desc=ok;cache=hit, b;desc=ok;cache=hit, c;desc=ok;cache=hit, head;dur=[0-9.]+"));
    }

    /** The page's body, chunk by chunk as the chunked coding framed it. */
    List<String> chunks(String path) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String line;
            boolean chunked = false;
            while (!(line = line(in)).isEmpty()) {
                chunked |= line.equalsIgnoreCase("transfer-encoding: chunked");
            }
            assertThat(chunked).as("a streamed page is chunked").isTrue();
            List<String> chunks = new ArrayList<>();
            int size;
            while ((size = Integer.parseInt(line(in).trim(), 16)) > 0) {
                chunks.add(new String(in.readNBytes(size), StandardCharsets.UTF_8));
                line(in);
            }
            return chunks;
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n' && b >= 0) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
