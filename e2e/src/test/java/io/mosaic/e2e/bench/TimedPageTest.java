package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TimedPageTest {

    /** A checking request asks for the page with its query, as the load's requests do (it used to lose it). */
    @Test
    void requestTargetKeepsTheQuery() {
        assertThat(TimedPage.target(URI.create("http://127.0.0.1:8080/fast-distinct?r=whole-check"))).isEqualTo("/fast-distinct?r=whole-check");
        assertThat(TimedPage.target(URI.create("http://127.0.0.1:8080/fast"))).isEqualTo("/fast");
    }

    @Test
    void undoesChunkedCodingAndMapsEveryBodyByteToItsRawOffset() {
        String raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p id\r\nA;ext=1\r\n=\"f2-end\">\r\n0\r\n\r\n";

        TimedPage.Decoded decoded = TimedPage.decode(raw.getBytes(StandardCharsets.US_ASCII));

        assertThat(decoded.status()).isEqualTo(200);
        assertThat(new String(decoded.body(), StandardCharsets.US_ASCII)).isEqualTo("<p id=\"f2-end\">");
        int firstChunk = raw.indexOf("<p id");
        int secondChunk = raw.indexOf("=\"f2");
        assertThat(decoded.bodyToRaw()[0]).isEqualTo(firstChunk);
        assertThat(decoded.bodyToRaw()[5]).isEqualTo(secondChunk);
        assertThat(decoded.bodyToRaw()[14]).isEqualTo(secondChunk + 9);
    }

    @Test
    void readsABodyOfKnownLength() {
        String raw = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy";

        TimedPage.Decoded decoded = TimedPage.decode(raw.getBytes(StandardCharsets.US_ASCII));

        assertThat(decoded.status()).isEqualTo(503);
        assertThat(new String(decoded.body(), StandardCharsets.US_ASCII)).isEqualTo("busy");
    }

    @Test
    void refusesAChunkedBodyWithoutItsLastChunk() {
        String raw = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n";

        assertThatThrownBy(() -> TimedPage.decode(raw.getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("last chunk");
    }
}
