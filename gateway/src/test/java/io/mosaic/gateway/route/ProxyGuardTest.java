package io.mosaic.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.HostileOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A fragment's proxy routes (the APIs and assets browsers call through the gateway) have a breaker
 * and a bulkhead of their own: counted at the origin, and apart from the page's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ProxyGuardTest {

    static final HostileOrigin ORIGIN = new HostileOrigin();
    /** What the flaky API does now; tests switch it. */
    static final AtomicReference<HostileOrigin.Behaviour> FLAKY = new AtomicReference<>();
    /** Holds the slow API's answers until released. */
    static final AtomicReference<CountDownLatch> SLOW_GATE = new AtomicReference<>(new CountDownLatch(0));

    static {
        ORIGIN.on("/flaky/box", HostileOrigin.html("<p class=box>box</p>"));
        ORIGIN.on("/api/data", (socket, out) -> FLAKY.get().serve(socket, out));
        ORIGIN.on("/api/missing", HostileOrigin.status(404));
        ORIGIN.on("/slow/box", HostileOrigin.html("<p>slow box</p>"));
        ORIGIN.on("/api/slow", (socket, out) -> {
            SLOW_GATE.get().await(10, TimeUnit.SECONDS);
            HostileOrigin.respond(out, 200, "application/json", java.util.Map.of(), "{}".getBytes());
        });
        ORIGIN.on("/other/box", HostileOrigin.html("<p>other box</p>"));
        ORIGIN.on("/api/other", (socket, out) -> HostileOrigin.respond(out, 200, "application/json",
                java.util.Map.of(), "{\"other\":true}".getBytes()));
    }

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        // One server is every fragment's origin; each fragment's proxy prefix names its own API.
        Files.writeString(file, """
                version: 1
                fragments:
                  - name: flaky
                    team: t
                    url: "%1$s/flaky/box"
                    proxy: [/api/data, /api/missing]
                    circuitBreaker: {failureRate: 50, window: 4, minimumCalls: 2, openFor: 1s, halfOpenCalls: 1}
                  - name: slow
                    team: t
                    url: "%1$s/slow/box"
                    proxy: [/api/slow]
                    bulkhead: {maxConcurrent: 2}
                  - {name: other, team: t, url: "%1$s/other/box", proxy: [/api/other]}
                pages:
                  - {path: /flaky, layout: admin, slots: {main: [flaky, other]}}
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", file::toString);
    }

    @AfterAll
    static void stop() {
        SLOW_GATE.get().countDown();
        ORIGIN.close();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    org.springframework.core.env.Environment environment;
    @Autowired
    PlanHolder plans;
    @LocalServerPort
    int port;

    private EntityExchangeResult<String> get(String path) {
        return web.mutate().responseTimeout(Duration.ofSeconds(20)).build().get().uri(path).exchange()
                .expectBody(String.class).returnResult();
    }

    @Test
    void aFailingApiIsRefusedWithoutCallingItsOriginAndRecovers() throws Exception {
        FLAKY.set(HostileOrigin.status(503));
        FragmentPlan flaky = plans.current().fragments().get("flaky");
        assertThat(get("/fragments/flaky/api/data").getStatus().value()).isEqualTo(503);
        assertThat(get("/fragments/flaky/api/data").getStatus().value()).isEqualTo(503);
        assertThat(flaky.proxyBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(ApiClients.prometheus(environment))
                .contains("mosaic_fragment_proxy_breaker_state{fragment=\"flaky\"} 1.0")
                .contains("mosaic_fragment_breaker_state{fragment=\"flaky\"} 0.0");

        int callsWhenOpened = ORIGIN.calls("/api/data");
        for (int i = 0; i < 5; i++) {
            EntityExchangeResult<String> refused = get("/fragments/flaky/api/data");
            assertThat(refused.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
            assertThat(refused.getResponseBody()).isEqualTo("fragment flaky: circuit breaker open, origin not called\n");
        }
        assertThat(ORIGIN.calls("/api/data")).as("calls while open").isEqualTo(callsWhenOpened);
        // Counted per route and status, refusals included.
        assertThat(ApiClients.prometheus(environment).lines()
                .filter(line -> line.startsWith("spring_cloud_gateway_requests_seconds_count{")
                        && line.contains("fragment=\"flaky\"") && line.contains("prefix=\"/api/data\"")
                        && line.contains("httpStatusCode=\"503\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum()).isGreaterThanOrEqualTo(7);

        // The page's breaker is its own: the box still shows, and so does every other team's API.
        assertThat(flaky.breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        String page = get("/flaky").getResponseBody();
        assertThat(Jsoup.parse(page).select("[data-fragment=flaky]").attr("data-fragment-state")).isEqualTo("ok");
        assertThat(get("/fragments/other/api/other").getResponseBody()).isEqualTo("{\"other\":true}");

        FLAKY.set((socket, out) -> HostileOrigin.respond(out, 200, "application/json", java.util.Map.of(), "{\"ok\":1}".getBytes()));
        Thread.sleep(1_100);
        EntityExchangeResult<String> back = get("/fragments/flaky/api/data");
        assertThat(back.getStatus()).isEqualTo(HttpStatus.OK);
        assertThat(back.getResponseBody()).isEqualTo("{\"ok\":1}");
        assertThat(flaky.proxyBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void anApisNotFoundDoesNotCountAgainstIt() {
        CircuitBreaker breaker = plans.current().fragments().get("flaky").proxyBreaker();
        long failedBefore = breaker.getMetrics().getNumberOfFailedCalls();
        for (int i = 0; i < 4; i++) {
            assertThat(get("/fragments/flaky/api/missing").getStatus().value()).isEqualTo(404);
        }
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore);
    }

    @Test
    void aSlowApiHoldsOnlyItsOwnBulkhead() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        SLOW_GATE.set(gate);
        // WebTestClient waits for each answer; these two calls must stay in flight.
        WebClient client = WebClient.create("http://127.0.0.1:" + port);
        List<Mono<Integer>> held = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            held.add(client.get().uri("/fragments/slow/api/slow").exchangeToMono(answer -> answer.releaseBody()
                    .thenReturn(answer.statusCode().value())));
        }
        Flux<Integer> inFlight = Flux.merge(held).cache();
        inFlight.subscribe();
        // Both held calls must reach the origin before the third is tried.
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ORIGIN.calls("/api/slow") < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ORIGIN.calls("/api/slow")).isEqualTo(2);

        EntityExchangeResult<String> third = get("/fragments/slow/api/slow");
        assertThat(third.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(third.getResponseBody()).isEqualTo("fragment slow: too many calls in flight, origin not called\n");
        assertThat(ORIGIN.calls("/api/slow")).isEqualTo(2);
        assertThat(get("/fragments/other/api/other").getStatus()).isEqualTo(HttpStatus.OK);

        gate.countDown();
        assertThat(inFlight.collectList().block(Duration.ofSeconds(20))).containsExactly(200, 200);
        assertThat(get("/fragments/slow/api/slow").getStatus()).isEqualTo(HttpStatus.OK);
    }
}
