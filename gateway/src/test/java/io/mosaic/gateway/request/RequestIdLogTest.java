package io.mosaic.gateway.request;

import static io.mosaic.gateway.support.JsonLogLines.lines;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mosaic.gateway.origin.TrustedOrigins;
import io.mosaic.gateway.support.TestOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Hooks;

/**
 * In the default mode (no automatic context propagation) the gateway's own lines about a request
 * carry its id, and the trace id of its {@code traceparent}, as MDC fields: here in the JSON lines
 * that {@code logging.structured.format.console=ecs} gives. The id is the one the page answers
 * with in {@code X-Request-Id}, the caller's or a new one. Lines not about a request carry none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"logging.structured.format.console=ecs", "mosaic.warm-up.rounds=0"})
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class RequestIdLogTest {

    static final TestOrigin ORIGIN = new TestOrigin()
            .on("/ledger", exchange -> TestOrigin.send(exchange, 503, "text/html", "<p>down</p>"))
            .on("/api/invoices", exchange -> TestOrigin.send(exchange, 500, "application/json", "{}"));
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";
    static Path manifest;

    /** No origin is vouched for as a whole: 127.0.0.1 is allowed one by one, so walled's 127.0.0.2 is refused. */
    @TestConfiguration(proxyBeanMethods = false)
    static class NoTrustedOrigins {

        @Bean
        @Primary
        TrustedOrigins noTrustedOrigins() {
            return Set::of;
        }
    }

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        manifest = Files.createTempFile("manifest", ".yaml");
        Files.writeString(manifest, manifestText("Ledger is unavailable"));
        registry.add("mosaic.manifest", manifest::toString);
        registry.add("mosaic.reload-interval", () -> "200ms");
        registry.add("mosaic.registry.allowed-origins", () -> "http://127.0.0.1:" + ORIGIN.port());
    }

    /** Ledger's proxy breaker opens at the first failure, so that its transition line belongs to one call. */
    static String manifestText(String fallback) {
        return """
                version: 1
                fragments:
                  - name: ledger
                    team: money
                    url: "http://127.0.0.1:%1$d/ledger"
                    fallback: "<p>%2$s</p>"
                    proxy: [/api/invoices]
                    circuitBreaker: {failureRate: 50, window: 2, minimumCalls: 1, openFor: 60s}
                  - {name: walled, team: money, url: "http://127.0.0.2:%1$d/walled", proxy: [/internal]}
                pages:
                  - {path: /admin/ledger, layout: admin, slots: {main: ledger}}
                """.formatted(ORIGIN.port(), fallback);
    }

    @BeforeAll
    static void defaultMode() {
        // Another test class may have turned Reactor's global hook on in this JVM.
        Hooks.disableAutomaticContextPropagation();
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    WebTestClient web;

    @Autowired
    void client(WebTestClient client) {
        web = client.mutate().responseTimeout(Duration.ofSeconds(20)).build();
    }

    @Test
    void aFailedFragmentsLineCarriesTheIdThePageAnsweredWith(CapturedOutput output) {
        plans.current().fragments().get("ledger").breaker().transitionToClosedState(); // another test opens it
        String made = web.get().uri("/admin/ledger").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseHeaders().getFirst("X-Request-Id");
        assertThat(made).matches("[0-9a-f]{32}");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines(output, "fragment ledger (")).isNotEmpty());
        assertThat(lines(output, "fragment ledger (")).singleElement().satisfies(line -> {
            assertThat(line.path("message").asString()).contains("server error (HTTP 503)").endsWith("[request " + made + "]");
            assertThat(line.path("requestId").asString()).isEqualTo(made);
        });
    }

    @Autowired
    io.mosaic.gateway.plan.PlanHolder plans;

    @Test
    void aPageFragmentsBreakerTransitionAndFailedFetchCarryTheIdsOfTheRequestThatOpenedIt(CapturedOutput output) {
        plans.current().fragments().get("ledger").breaker().transitionToClosedState();
        web.get().uri("/admin/ledger").header("X-Request-Id", "req-page-1").header("traceparent", TRACEPARENT)
                .exchange().expectStatus().isOk().expectBody().returnResult();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(lines(output, "fragment ledger: circuit breaker CLOSED -> OPEN")).isNotEmpty());
        for (String text : List.of("fragment ledger: circuit breaker CLOSED -> OPEN", "fragment ledger (")) {
            assertThat(lines(output, text)).as(text).singleElement().satisfies(line -> {
                assertThat(line.path("requestId").asString()).isEqualTo("req-page-1");
                assertThat(line.path("traceId").asString()).isEqualTo(TRACE);
            });
        }
    }

    @Test
    void theProxyBreakersTransitionCarriesTheIdsOfTheCallThatCausedIt(CapturedOutput output) {
        web.get().uri("/fragments/ledger/api/invoices").header("X-Request-Id", "req-proxy-1").header("traceparent", TRACEPARENT)
                .exchange().expectStatus().isEqualTo(500).expectBody().returnResult();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines(output, "fragment ledger proxy:")).isNotEmpty());
        assertThat(lines(output, "fragment ledger proxy:")).singleElement().satisfies(line -> {
            assertThat(line.path("message").asString()).isEqualTo("fragment ledger proxy: circuit breaker CLOSED -> OPEN");
            assertThat(line.path("requestId").asString()).isEqualTo("req-proxy-1");
            assertThat(line.path("traceId").asString()).isEqualTo(TRACE);
        });
    }

    @Test
    void aProxiedCallTheOriginPolicyRefusedIsLoggedWithItsId(CapturedOutput output) {
        web.get().uri("/fragments/walled/internal/items").header("X-Request-Id", "req-walled-1").header("traceparent", TRACEPARENT)
                .exchange().expectStatus().isEqualTo(502).expectBody().returnResult();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(lines(output, "fragment walled proxy:")).isNotEmpty());
        assertThat(lines(output, "fragment walled proxy:")).singleElement().satisfies(line -> {
            assertThat(line.path("message").asString()).endsWith("answered 502");
            assertThat(line.path("requestId").asString()).isEqualTo("req-walled-1");
            assertThat(line.path("traceId").asString()).isEqualTo(TRACE);
        });
    }

    @Test
    void aLineNotAboutARequestCarriesNoId(CapturedOutput output) throws Exception {
        // A manifest change is applied on the watcher's thread, apart from any request.
        Files.writeString(manifest, manifestText("Ledger is down for maintenance"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lines(output, "applied as version")).isNotEmpty());
        assertThat(lines(output, "applied as version")).allSatisfy(line -> {
            assertThat(line.has("requestId")).as(line.toString()).isFalse();
            assertThat(line.has("traceId")).as(line.toString()).isFalse();
        });
    }
}
