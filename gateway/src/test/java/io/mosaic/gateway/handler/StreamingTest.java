package io.mosaic.gateway.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.TestOrigin;
import io.mosaic.gateway.support.TimedResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The page streams in document order: what precedes a slow fragment leaves before the slow
 * fragment is done, and a non-blocking fragment lets the rest of the page pass it by.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StreamingTest {

    static final long SLOW_MILLIS = 1_200;
    static final Map<String, Long> REQUESTED_AT = new ConcurrentHashMap<>();
    static final TestOrigin ORIGIN = new TestOrigin()
            .on("/before", exchange -> {
                REQUESTED_AT.put("before", System.nanoTime());
                TestOrigin.send(exchange, 200, "text/html", "<p>BEFORE-CONTENT</p>");
            })
            .on("/after", exchange -> {
                REQUESTED_AT.put("after", System.nanoTime());
                TestOrigin.send(exchange, 200, "text/html", "<p>AFTER-CONTENT</p>");
            })
            .on("/slow", exchange -> {
                REQUESTED_AT.put("slow", System.nanoTime());
                sleep(SLOW_MILLIS);
                TestOrigin.send(exchange, 200, "text/html", "<p>SLOW-CONTENT</p>");
            });

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                defaults: {timeout: 5s}
                fragments:
                  - {name: before, team: t, url: "%1$s/before"}
                  - {name: slow, team: t, url: "%1$s/slow"}
                  - {name: slow-async, team: t, url: "%1$s/slow", async: true}
                  - {name: after, team: t, url: "%1$s/after"}
                pages:
                  - {path: /in-order, layout: admin, slots: {header: before, main: slow, aside: after}}
                  - {path: /out-of-order, layout: admin, slots: {header: before, main: slow-async, aside: after}}
                  - {path: /primary-slow, layout: admin, primary: slow, slots: {header: before, main: slow, aside: after}}
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
    void whatPrecedesASlowFragmentLeavesBeforeItIsDone() throws Exception {
        TimedResponse page = TimedResponse.get(port, "/in-order");
        assertThat(page.status()).isEqualTo(200);
        long head = page.millisUntil("</head>");
        long before = page.millisUntil("BEFORE-CONTENT");
        long slow = page.millisUntil("SLOW-CONTENT");
        long after = page.millisUntil("AFTER-CONTENT");
        assertThat(slow).isGreaterThanOrEqualTo(SLOW_MILLIS);
        assertThat(head).as("head").isLessThan(slow);
        assertThat(before).as("fragment before the slow one").isLessThan(slow);
        // What follows the slow fragment waits for it: document order.
        assertThat(after).as("fragment after the slow one").isGreaterThanOrEqualTo(slow);
    }

    @Test
    void aNonBlockingFragmentIsStreamedPastAndFillsItsPlaceholderLater() throws Exception {
        TimedResponse page = TimedResponse.get(port, "/out-of-order");
        long placeholder = page.millisUntil("data-fragment-pending=\"slow-async\"");
        long after = page.millisUntil("AFTER-CONTENT");
        long slow = page.millisUntil("SLOW-CONTENT");
        assertThat(slow).isGreaterThanOrEqualTo(SLOW_MILLIS);
        assertThat(placeholder).isLessThan(slow);
        assertThat(after).as("the fragment after the non-blocking one").isLessThan(slow);

        String body = page.text();
        Document document = Jsoup.parse(body.substring(body.indexOf("<!DOCTYPE")));
        // In place: an empty placeholder; at the end of the body: the content, and the script that moves it.
        assertThat(document.select("main.mosaic-main [data-fragment-pending=slow-async]").attr("data-fragment-state")).isEqualTo("pending");
        assertThat(document.select("body > [data-fragment=slow-async][data-fragment-late]").text()).isEqualTo("SLOW-CONTENT");
        assertThat(document.select("body > [data-fragment=slow-async] + script").html()).contains("data-fragment-pending=\"slow-async\"");
        assertThat(body.indexOf("SLOW-CONTENT")).isGreaterThan(body.indexOf("AFTER-CONTENT"));
    }

    @Test
    void aPrimaryFragmentDecidesTheStatusFirstWhileTheOthersAreFetchedAlready() throws Exception {
        REQUESTED_AT.clear();
        TimedResponse page = TimedResponse.get(port, "/primary-slow");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.millisUntil("HTTP/1.1 200")).isGreaterThanOrEqualTo(SLOW_MILLIS);
        // Every fetch started together: none waited for the primary to answer.
        long spread = Math.max(Math.abs(REQUESTED_AT.get("before") - REQUESTED_AT.get("slow")),
                Math.abs(REQUESTED_AT.get("after") - REQUESTED_AT.get("slow"))) / 1_000_000;
        assertThat(spread).as("ms between the fetches' starts").isLessThan(SLOW_MILLIS / 2);
        assertThat(page.totalMillis()).isLessThan(2 * SLOW_MILLIS);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
