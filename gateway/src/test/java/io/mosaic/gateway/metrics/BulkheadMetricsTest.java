package io.mosaic.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.TestOrigin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** How full each fragment's bulkheads are, for page fetches and for proxy calls, as Prometheus scrapes it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mosaic.warm-up.rounds=0")
class BulkheadMetricsTest {

    static final CountDownLatch GATE = new CountDownLatch(1);
    static final Semaphore ARRIVED = new Semaphore(0);
    static final TestOrigin ORIGIN = new TestOrigin()
            .on("/slow", exchange -> {
                held();
                TestOrigin.send(exchange, 200, "text/html", "<p>slow</p>");
            })
            .on("/api/slow", exchange -> {
                held();
                TestOrigin.send(exchange, 200, "application/json", "{}");
            });

    static void held() {
        ARRIVED.release();
        try {
            GATE.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - name: slow
                    team: t
                    url: "%1$s/slow"
                    timeout: 20s
                    fallback: "<p>busy</p>"
                    proxy: [/api/slow]
                    bulkhead: {maxConcurrent: 2}
                pages:
                  - {path: /slow, layout: admin, slots: {main: slow}}
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", file::toString);
    }

    @AfterAll
    static void stop() {
        GATE.countDown();
        ORIGIN.close();
    }

    @LocalServerPort
    int port;

    /** The actuator is on the control origin. */
    @org.springframework.beans.factory.annotation.Value("${local.control.port}")
    int controlPort;

    final HttpClient http = HttpClient.newHttpClient();

    String metrics() throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + "/actuator/prometheus"))
                        .header("Authorization", "Bearer " + ApiClients.METRICS_TOKEN).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    CompletableFuture<HttpResponse<String>> get(String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theBulkheadsFreePlacesAndSaturationFollowTheFetchesAndProxyCallsInFlight() throws Exception {
        assertThat(metrics()).contains("mosaic_fragment_bulkhead_available{fragment=\"slow\"} 2.0")
                .contains("mosaic_fragment_bulkhead_saturation{fragment=\"slow\"} 0.0")
                .contains("mosaic_fragment_proxy_bulkhead_available{fragment=\"slow\"} 2.0")
                .contains("mosaic_fragment_proxy_bulkhead_saturation{fragment=\"slow\"} 0.0");

        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        // Each page request with a query of its own: requests for the same variant would share one fetch.
        calls.add(get("/slow?browser=1"));
        assertThat(ARRIVED.tryAcquire(1, 20, TimeUnit.SECONDS)).isTrue();
        assertThat(metrics()).contains("mosaic_fragment_bulkhead_available{fragment=\"slow\"} 1.0")
                .contains("mosaic_fragment_bulkhead_saturation{fragment=\"slow\"} 0.5")
                .contains("mosaic_fragment_proxy_bulkhead_saturation{fragment=\"slow\"} 0.0");
        calls.add(get("/slow?browser=2"));
        calls.add(get("/fragments/slow/api/slow"));
        calls.add(get("/fragments/slow/api/slow"));
        assertThat(ARRIVED.tryAcquire(3, 20, TimeUnit.SECONDS)).isTrue();
        assertThat(metrics()).contains("mosaic_fragment_bulkhead_available{fragment=\"slow\"} 0.0")
                .contains("mosaic_fragment_bulkhead_saturation{fragment=\"slow\"} 1.0")
                .contains("mosaic_fragment_proxy_bulkhead_available{fragment=\"slow\"} 0.0")
                .contains("mosaic_fragment_proxy_bulkhead_saturation{fragment=\"slow\"} 1.0");

        GATE.countDown();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(metrics())
                .contains("mosaic_fragment_bulkhead_saturation{fragment=\"slow\"} 0.0")
                .contains("mosaic_fragment_proxy_bulkhead_saturation{fragment=\"slow\"} 0.0"));
    }
}
