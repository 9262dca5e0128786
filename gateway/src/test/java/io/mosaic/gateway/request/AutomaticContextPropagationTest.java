package io.mosaic.gateway.request;

import static io.mosaic.gateway.support.JsonLogLines.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mosaic.gateway.support.TestOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Hooks;

/**
 * With Reactor's automatic context propagation on ({@code spring.reactor.context-propagation=auto}),
 * every line logged during a request carries its id (and the trace id of its {@code traceparent})
 * as MDC fields, whichever thread logs it, and no other line does; here in the JSON lines of
 * {@code logging.structured.format.console=ecs}. {@link RequestIdLogTest} is the default mode.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.structured.format.console=ecs", "mosaic.warm-up.rounds=0",
                "spring.reactor.context-propagation=auto"})
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class AutomaticContextPropagationTest {

    static final TestOrigin ORIGIN = new TestOrigin()
            .on("/billing", exchange -> TestOrigin.send(exchange, 500, "text/html", "<p>down</p>"))
            .on("/api/invoices", exchange -> TestOrigin.send(exchange, 500, "application/json", "{}"))
            .on("/ledger", exchange -> TestOrigin.send(exchange, 503, "text/html", "<p>down</p>"));
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static Path manifest;

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        manifest = Files.createTempFile("manifest", ".yaml");
        Files.writeString(manifest, manifestText("Billing is unavailable"));
        registry.add("mosaic.manifest", manifest::toString);
        registry.add("mosaic.reload-interval", () -> "200ms");
    }

    /** Billing's breaker and its proxy breaker open at the first failure, so that their transition lines belong to one request. */
    static String manifestText(String fallback) {
        return """
                version: 1
                fragments:
                  - name: billing
                    team: money
                    url: "%1$s/billing"
                    fallback: "<p>%2$s</p>"
                    proxy: [/api/invoices]
                    circuitBreaker: {failureRate: 50, window: 2, minimumCalls: 1, openFor: 60s}
                  - {name: ledger, team: money, url: "%1$s/ledger"}
                pages:
                  - {path: /admin/billing, layout: admin, slots: {main: billing}}
                  - {path: /admin/ledger, layout: admin, slots: {main: ledger}}
                """.formatted(ORIGIN.url(""), fallback);
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
        // The hook is global: the test classes after this one run in Boot's default mode again.
        Hooks.disableAutomaticContextPropagation();
    }

    WebTestClient web;

    @Autowired
    void client(WebTestClient client) {
        web = client.mutate().responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void everyLineAboutAFailedFragmentOfAPageCarriesThePagesRequestIdAndTraceId(CapturedOutput output) {
        web.get().uri("/admin/billing").header("X-Request-Id", "req-page-1")
                .header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01")
                .exchange().expectStatus().isOk().expectHeader().valueEquals("X-Request-Id", "req-page-1")
                .expectBody(String.class).returnResult();
        // The resolver's line, and the breaker's transition logged from inside Resilience4j on a Netty thread.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines(output, "fragment billing"))
                .extracting(line -> line.path("message").asString())
                .anySatisfy(message -> assertThat(message).startsWith("fragment billing (").contains("server error (HTTP 500)"))
                .anySatisfy(message -> assertThat(message).isEqualTo("fragment billing: circuit breaker CLOSED -> OPEN")));
        assertThat(lines(output, "fragment billing")).allSatisfy(line -> {
            assertThat(line.path("requestId").asString()).as(line.toString()).isEqualTo("req-page-1");
            assertThat(line.path("traceId").asString()).as(line.toString()).isEqualTo(TRACE);
        });

        // A proxied call: the proxy breaker's transition carries that call's id, and no trace id was sent.
        web.get().uri("/fragments/billing/api/invoices").header("X-Request-Id", "req-proxy-1").exchange()
                .expectStatus().isEqualTo(500).expectBody().returnResult();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines(output, "fragment billing proxy:")).isNotEmpty());
        assertThat(lines(output, "fragment billing proxy:")).allSatisfy(line -> {
            assertThat(line.path("message").asString()).isEqualTo("fragment billing proxy: circuit breaker CLOSED -> OPEN");
            assertThat(line.path("requestId").asString()).as(line.toString()).isEqualTo("req-proxy-1");
            assertThat(line.has("traceId")).as(line.toString()).isFalse();
        });

        // The next page request finds the breaker open: its refusal line carries the id the gateway made up for it.
        String made = web.get().uri("/admin/billing").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseHeaders().getFirst("X-Request-Id");
        assertThat(made).matches("[0-9a-f]{32}");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines(output, "origin not called")).isNotEmpty());
        assertThat(lines(output, "origin not called")).singleElement().satisfies(line -> {
            assertThat(line.path("message").asString()).startsWith("fragment billing: breaker open");
            assertThat(line.path("requestId").asString()).isEqualTo(made);
        });
    }

    @Test
    void noLineCarriesTheIdsOfAnotherRequest(CapturedOutput output) throws Exception {
        // The same connection, so the same event loops: the first request's trace id must not stay behind.
        web.get().uri("/admin/ledger").header("X-Request-Id", "req-ledger-0")
                .header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult();
        for (int i = 1; i < 4; i++) {
            web.get().uri("/admin/ledger").header("X-Request-Id", "req-ledger-" + i).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines(output, "fragment ledger (")).hasSize(4));
        assertThat(lines(output, "fragment ledger (")).allSatisfy(line -> {
            String id = line.path("requestId").asString();
            assertThat(line.path("message").asString()).endsWith("[request " + id + "]");
            assertThat(line.has("traceId")).as(line.toString()).isEqualTo(id.equals("req-ledger-0"));
        });
        // A manifest change is applied on the watcher's thread, apart from any request.
        Files.writeString(manifest, manifestText("Billing is down for maintenance"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines(output, "applied as version")).isNotEmpty());
        assertThat(lines(output, "applied as version")).allSatisfy(line -> {
            assertThat(line.has("requestId")).as(line.toString()).isFalse();
            assertThat(line.has("traceId")).as(line.toString()).isFalse();
        });
    }
}
