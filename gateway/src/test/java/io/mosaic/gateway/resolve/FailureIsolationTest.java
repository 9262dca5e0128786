package io.mosaic.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.FreePort;
import io.mosaic.gateway.support.HostileOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One team's outage costs that team's box, never the page: a healthy fragment composed beside
 * every way an origin can misbehave, each served by a real socket server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class FailureIsolationTest {

    static final HostileOrigin ORIGIN = new HostileOrigin();
    static final int REFUSED = FreePort.refused();

    /** Each hostile fragment: its name and what its origin does. */
    static final Map<String, HostileOrigin.Behaviour> HOSTILE = new java.util.LinkedHashMap<>();

    static {
        ORIGIN.on("/healthy", HostileOrigin.html("<p class=\"healthy\">All good</p>"));
        HOSTILE.put("status-500", HostileOrigin.status(500));
        HOSTILE.put("status-503", HostileOrigin.status(503));
        HOSTILE.put("status-403", HostileOrigin.status(403));
        HOSTILE.put("reset-before", HostileOrigin.resetBeforeAnswering());
        HOSTILE.put("reset-mid-body", HostileOrigin.resetMidBody());
        HOSTILE.put("hang", ORIGIN.hangBeforeHeaders());
        HOSTILE.put("silence", ORIGIN.headersThenSilence());
        HOSTILE.put("drip", HostileOrigin.drip());
        HOSTILE.put("huge", HostileOrigin.huge(50));
        HOSTILE.put("gzip-bomb", HostileOrigin.gzipBomb(200));
        HOSTILE.put("redirect", HostileOrigin.redirect("http://169.254.169.254/latest/meta-data/"));
        HOSTILE.forEach((name, behaviour) -> ORIGIN.on("/" + name, behaviour));
        ORIGIN.on("/bad-utf8", HostileOrigin.invalidUtf8());
        ORIGIN.on("/document", HostileOrigin.html("<!DOCTYPE html><html><head><title>x</title></head><body><p class=doc>Doc</p></body></html>"));
        ORIGIN.on("/unclosed", HostileOrigin.html("<div class=unclosed><table><tr><td>open"));
        ORIGIN.on("/stray", HostileOrigin.html("<p class=stray>s</p></body></html>"));
        ORIGIN.on("/headers", HostileOrigin.withHeaders(Map.of(
                "Set-Cookie", "session=stolen; Path=/",
                "Location", "http://evil.example/",
                "Content-Security-Policy", "default-src 'none'",
                "X-Frame-Options", "DENY",
                "Refresh", "0;url=http://evil.example/"), "<p class=\"with-headers\">Headers</p>"));
    }

    static final List<String> UNREACHABLE = List.of("refused", "no-dns");

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        StringBuilder fragments = new StringBuilder();
        fragments.append("  - {name: healthy, team: good, url: \"").append(ORIGIN.url("/healthy")).append("\"}\n");
        for (String name : HOSTILE.keySet()) {
            fragments.append(fragment(name, ORIGIN.url("/" + name).toString()));
        }
        fragments.append(fragment("refused", "http://127.0.0.1:" + REFUSED + "/fragment"));
        fragments.append(fragment("no-dns", "http://no-such-host.invalid/fragment"));
        for (String name : List.of("bad-utf8", "document", "unclosed", "stray", "headers")) {
            fragments.append(fragment(name, ORIGIN.url("/" + name).toString()));
        }
        List<String> all = new java.util.ArrayList<>(HOSTILE.keySet());
        all.addAll(UNREACHABLE);
        all.addAll(List.of("bad-utf8", "document", "unclosed", "stray", "headers"));
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                defaults:
                  timeout: 500ms
                  circuitBreaker: {window: 100, minimumCalls: 100}
                fragments:
                %s
                pages:
                  - path: /hostile
                    layout: admin
                    slots:
                      header: healthy
                      main: [%s]
                """.formatted(fragments, String.join(", ", all)));
        registry.add("mosaic.manifest", file::toString);
    }

    private static String fragment(String name, String url) {
        return "  - {name: " + name + ", team: hostile, url: \"" + url + "\", fallback: \"<p class=fb>" + name + " fallback</p>\"}\n";
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    Environment environment;

    private EntityExchangeResult<String> get(String path) {
        return web.mutate().responseTimeout(Duration.ofSeconds(30)).build().get().uri(path).exchange()
                .expectBody(String.class).returnResult();
    }

    @Test
    void aHealthyFragmentBesideEveryHostileOriginGetsAWholePageWithinTheDeadline() {
        get("/hostile"); // warm up connections and code paths; what is measured is the second request
        long started = System.nanoTime();
        EntityExchangeResult<String> result = get("/hostile");
        long millis = (System.nanoTime() - started) / 1_000_000;

        assertThat(result.getStatus().value()).isEqualTo(200);
        // The fragment deadline is 500 ms; the drip, hang and silence origins would hold on for minutes.
        assertThat(millis).as("page time").isLessThan(500 + 1_500);
        String html = result.getResponseBody();
        Document page = Jsoup.parse(html);
        assertThat(html.split("<html", -1)).as("exactly one <html>").hasSize(2);
        assertThat(page.select("[data-fragment=healthy] .healthy").text()).isEqualTo("All good");
        assertThat(page.select("[data-fragment=healthy]").attr("data-fragment-state")).isEqualTo("ok");
        List<String> failing = new java.util.ArrayList<>(HOSTILE.keySet());
        failing.addAll(UNREACHABLE);
        for (String name : failing) {
            assertThat(page.select("[data-fragment=" + name + "]").attr("data-fragment-state")).as(name).isEqualTo("fallback");
            assertThat(page.select("[data-fragment=" + name + "] .fb").text()).as(name).isEqualTo(name + " fallback");
        }
        // Broken markup stays in its own box; the boxes after it are its siblings.
        assertThat(page.select("main.mosaic-main > [data-fragment]")).hasSize(failing.size() + 5);
        assertThat(page.select("[data-fragment=unclosed] [data-fragment], [data-fragment=stray] [data-fragment]")).isEmpty();
        assertThat(page.select("[data-fragment=document] .doc").text()).isEqualTo("Doc");
        assertThat(page.select("[data-fragment=bad-utf8] .bad-bytes").text()).startsWith("caf").contains("\uFFFD");
    }

    @Test
    void aFragmentsResponseHeadersNeverReachThePage() {
        EntityExchangeResult<String> result = get("/hostile");
        assertThat(result.getResponseHeaders().get("Set-Cookie")).isNull();
        assertThat(result.getResponseHeaders().getLocation()).isNull();
        // The page's policy is the gateway's own (with its nonce), never the fragment's "default-src 'none'".
        assertThat(result.getResponseHeaders().get("Content-Security-Policy")).singleElement()
                .satisfies(csp -> assertThat(csp).startsWith("default-src 'self'; script-src 'nonce-").doesNotContain("default-src 'none'"));
        assertThat(result.getResponseHeaders().get("X-Frame-Options")).isNull();
        assertThat(result.getResponseHeaders().get("Refresh")).isNull();
        assertThat(Jsoup.parse(result.getResponseBody()).select("[data-fragment=headers] .with-headers").text()).isEqualTo("Headers");
    }

    @Test
    void everyOutcomeIsCountedByFragmentAndReason() {
        get("/hostile");
        String metrics = ApiClients.prometheus(environment);
        assertThat(metrics).contains("mosaic_fragment_outcomes_total{fragment=\"healthy\",outcome=\"ok\",reason=\"none\"}");
        assertThat(metrics).contains("fragment=\"huge\",outcome=\"fallback\",reason=\"too large\"");
        assertThat(metrics).contains("fragment=\"gzip-bomb\",outcome=\"fallback\",reason=\"too large\"");
        assertThat(metrics).contains("fragment=\"redirect\",outcome=\"fallback\",reason=\"redirect\"");
        assertThat(metrics).contains("fragment=\"status-500\",outcome=\"fallback\",reason=\"server error\"");
        assertThat(metrics).contains("fragment=\"status-403\",outcome=\"fallback\",reason=\"client error\"");
        assertThat(metrics).contains("fragment=\"refused\",outcome=\"fallback\",reason=\"connection refused\"");
        assertThat(metrics).contains("fragment=\"hang\",outcome=\"fallback\",reason=\"timeout\"");
        assertThat(metrics).contains("fragment=\"drip\",outcome=\"fallback\",reason=\"timeout\"");
        assertThat(metrics).containsPattern("fragment=\"reset-before\",outcome=\"fallback\",reason=\"connection reset\"");
        assertThat(metrics).contains("mosaic_fragment_latency_seconds_count{fragment=\"healthy\"}");
    }
}
