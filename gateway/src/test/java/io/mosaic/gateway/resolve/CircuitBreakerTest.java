package io.mosaic.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.HostileOrigin;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Breakers, bulkheads and cancellation, counted where it matters: at the origin. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class CircuitBreakerTest {

    static final HostileOrigin ORIGIN = new HostileOrigin();
    /** What the flaky origin does now; tests switch it. */
    static final AtomicReference<HostileOrigin.Behaviour> FLAKY = new AtomicReference<>();
    /** Fetches of the slow fragment the origin is serving right now, and the most there ever were at once. */
    static final AtomicInteger SLOW_IN_FLIGHT = new AtomicInteger();
    static final AtomicInteger SLOW_MOST_AT_ONCE = new AtomicInteger();

    static {
        ORIGIN.on("/flaky", (socket, out) -> FLAKY.get().serve(socket, out));
        ORIGIN.on("/not-found", HostileOrigin.status(404));
        ORIGIN.on("/strict-not-found", HostileOrigin.status(404));
        ORIGIN.on("/fast", HostileOrigin.html("<p class=fast>fast</p>"));
        ORIGIN.on("/slow", (socket, out) -> {
            SLOW_MOST_AT_ONCE.accumulateAndGet(SLOW_IN_FLIGHT.incrementAndGet(), Math::max);
            try {
                Thread.sleep(300);
            } finally {
                // Before answering: once the gateway has the answer it may start the next fetch.
                SLOW_IN_FLIGHT.decrementAndGet();
            }
            HostileOrigin.html("<p class=slow>slow</p>").serve(socket, out);
        });
        ORIGIN.on("/hang", ORIGIN.hangBeforeHeaders());
        ORIGIN.on("/held", ORIGIN.hangBeforeHeaders());
    }

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - name: flaky
                    team: t
                    url: "%1$s/flaky"
                    timeout: 1s
                    fallback: <p class=fb>flaky fallback</p>
                    circuitBreaker: {failureRate: 50, window: 4, minimumCalls: 2, openFor: 1s, halfOpenCalls: 1}
                  - name: not-found
                    team: t
                    url: "%1$s/not-found"
                    circuitBreaker: {failureRate: 50, window: 4, minimumCalls: 2}
                  - name: strict-not-found
                    team: t
                    url: "%1$s/strict-not-found"
                    circuitBreaker: {failureRate: 50, window: 4, minimumCalls: 2, countClientErrors: true}
                  - {name: fast, team: t, url: "%1$s/fast"}
                  - {name: slow, team: t, url: "%1$s/slow", bulkhead: {maxConcurrent: 2}, fallback: <p class=busy>busy</p>}
                  - {name: hang, team: t, url: "%1$s/hang", timeout: 10s}
                  - name: held
                    team: t
                    url: "%1$s/held"
                    timeout: 500ms
                    fallback: <p class=fb>held fallback</p>
                    circuitBreaker: {failureRate: 50, window: 2, minimumCalls: 2, openFor: 1s, halfOpenCalls: 1}
                pages:
                  - {path: /flaky, layout: admin, slots: {main: [flaky, fast]}}
                  - {path: /not-found, layout: admin, slots: {main: [not-found]}}
                  - {path: /strict-not-found, layout: admin, slots: {main: [strict-not-found]}}
                  - {path: /slow, layout: admin, slots: {main: [slow, fast]}}
                  - {path: /hang, layout: admin, slots: {header: fast, main: hang}}
                  - {path: /held, layout: admin, slots: {main: [held, fast]}}
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", file::toString);
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    Environment environment;

    @Autowired
    PlanHolder plans;
    @LocalServerPort
    int port;

    private String page(String path) {
        return web.mutate().responseTimeout(Duration.ofSeconds(20)).build().get().uri(path).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    private static String state(String html, String fragment) {
        return Jsoup.parse(html).select("[data-fragment=" + fragment + "]").attr("data-fragment-state");
    }

    @Test
    void aFailingOriginStopsBeingCalledAndIsCalledAgainWhenItRecovers() throws Exception {
        FLAKY.set(ORIGIN.hangBeforeHeaders());
        CircuitBreaker breaker = plans.current().fragments().get("flaky").breaker();
        page("/flaky");
        page("/flaky");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        int callsWhenOpened = ORIGIN.calls("/flaky");
        for (int i = 0; i < 5; i++) {
            long started = System.nanoTime();
            String html = page("/flaky");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(state(html, "flaky")).isEqualTo("fallback");
            assertThat(state(html, "fast")).isEqualTo("ok");
            // A call to the hanging origin would take its whole 1 s deadline.
            assertThat(millis).isLessThan(1_000);
        }
        assertThat(ORIGIN.calls("/flaky")).as("calls while open").isEqualTo(callsWhenOpened);

        FLAKY.set(HostileOrigin.html("<p class=back>back</p>"));
        Thread.sleep(1_100);
        // The first page after openFor still shows the fallback; the breaker's probe runs in the background.
        assertThat(state(page("/flaky"), "flaky")).isEqualTo("fallback");
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (breaker.getState() != CircuitBreaker.State.CLOSED && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(ORIGIN.calls("/flaky")).as("the probe").isEqualTo(callsWhenOpened + 1);
        String html = page("/flaky");
        assertThat(state(html, "flaky")).isEqualTo("ok");
        assertThat(ORIGIN.calls("/flaky")).isEqualTo(callsWhenOpened + 2);
        assertThat(ApiClients.prometheus(environment))
                .contains("mosaic_fragment_breaker_state{fragment=\"flaky\"} 0.0");
    }

    /**
     * Pages asking for a fragment whose origin hangs, once its breaker is open: none of them waits
     * for the origin, not even while a half-open probe is out (pages for one URL would otherwise
     * share its fetch and wait out its deadline with it), and the probes still run.
     */
    @Test
    void noPageWaitsForTheOriginWhileItsBreakerIsOpenOrHalfOpen() throws Exception {
        CircuitBreaker breaker = plans.current().fragments().get("held").breaker();
        page("/held");
        page("/held");
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int callsWhenOpened = ORIGIN.calls("/held");

        int browsers = 6;
        long until = System.nanoTime() + Duration.ofMillis(4_000).toNanos();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(browsers);
        java.util.List<java.util.concurrent.Future<long[]>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < browsers; i++) {
            runs.add(pool.submit(() -> {
                long pages = 0;
                long waited = 0;
                while (System.nanoTime() < until) {
                    long started = System.nanoTime();
                    String html = page("/held");
                    assertThat(state(html, "held")).isEqualTo("fallback");
                    assertThat(state(html, "fast")).isEqualTo("ok");
                    pages++;
                    // The deadline is 500 ms; a page that joined a probe waits out most of it.
                    waited += System.nanoTime() - started >= Duration.ofMillis(300).toNanos() ? 1 : 0;
                }
                return new long[] {pages, waited};
            }));
        }
        pool.shutdown();
        long pages = 0;
        long waited = 0;
        for (var run : runs) {
            long[] counts = run.get(20, java.util.concurrent.TimeUnit.SECONDS);
            pages += counts[0];
            waited += counts[1];
        }
        assertThat(ORIGIN.calls("/held") - callsWhenOpened).as("half-open probes made in the meantime").isGreaterThanOrEqualTo(2);
        assertThat(pages).isGreaterThan(browsers * 5L);
        assertThat(waited).as("pages (of %d) that waited for the hanging origin", pages).isZero();
    }

    @Test
    void clientErrorsFallBackWithoutOpeningTheBreaker() {
        for (int i = 0; i < 6; i++) {
            assertThat(state(page("/not-found"), "not-found")).isEqualTo("error");
        }
        assertThat(plans.current().fragments().get("not-found").breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(ORIGIN.calls("/not-found")).isGreaterThanOrEqualTo(6);
    }

    @Test
    void clientErrorsOpenTheBreakerWhenTheFragmentSaysTheyCount() {
        page("/strict-not-found");
        page("/strict-not-found");
        assertThat(plans.current().fragments().get("strict-not-found").breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        int calls = ORIGIN.calls("/strict-not-found");
        page("/strict-not-found");
        assertThat(ORIGIN.calls("/strict-not-found")).isEqualTo(calls);
    }

    @Test
    void aSlowFragmentBeyondItsBulkheadFallsBackAtOnceWhileOthersStayFresh() throws Exception {
        SLOW_MOST_AT_ONCE.set(0);
        int requests = 6;
        java.util.concurrent.ExecutorService browsers = java.util.concurrent.Executors.newFixedThreadPool(requests);
        java.util.List<java.util.concurrent.CompletableFuture<String>> pages = new java.util.ArrayList<>();
        for (int i = 0; i < requests; i++) {
            // A query of its own per browser: requests for the same variant would share one fetch instead.
            String page = "/slow?browser=" + i;
            pages.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> page(page), browsers));
        }
        browsers.shutdown();
        long busy = 0;
        for (var future : pages) {
            String html = future.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(state(html, "fast")).isEqualTo("ok");
            busy += state(html, "slow").equals("fallback") ? 1 : 0;
        }
        // Measured at the origin: exactly maxConcurrent (2) fetches of the slow fragment ran at once, never more;
        // the others were refused, not queued.
        assertThat(SLOW_MOST_AT_ONCE.get()).as("slow fetches in flight at once at the origin").isEqualTo(2);
        assertThat(busy).isGreaterThanOrEqualTo(1);
        assertThat(ORIGIN.calls("/slow")).isLessThanOrEqualTo(requests - (int) busy);
    }

    @Test
    void aBrowserThatHangsUpCancelsTheFetchesInFlight() throws Exception {
        int hangUpsBefore = ORIGIN.hangUps().size();
        int callsBefore = ORIGIN.calls("/hang");
        long closedAt;
        try (Socket browser = new Socket("127.0.0.1", port)) {
            OutputStream out = browser.getOutputStream();
            out.write("GET /hang HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = browser.getInputStream();
            byte[] start = new byte[64];
            assertThat(in.read(start)).as("the head streams before the hanging fragment").isPositive();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (ORIGIN.calls("/hang") == callsBefore && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(ORIGIN.calls("/hang")).as("the hanging origin got its request").isGreaterThan(callsBefore);
            closedAt = System.nanoTime();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (ORIGIN.hangUps().size() == hangUpsBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ORIGIN.hangUps()).as("the gateway hung up on the origin").hasSizeGreaterThan(hangUpsBefore);
        long afterMillis = (ORIGIN.hangUps().get(ORIGIN.hangUps().size() - 1) - closedAt) / 1_000_000;
        // The fragment's deadline is 10 s: hanging up well before it means the fetch was cancelled.
        assertThat(afterMillis).isLessThan(5_000);
    }
}
