package io.mosaic.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.mosaic.gateway.support.FreePort;
import io.mosaic.gateway.support.HostileOrigin;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Thousands of failing fetches of every kind leave nothing behind: no connection held, no
 * thread added, no heap kept. Prints its figures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class NoLeakTest {

    static final HostileOrigin ORIGIN = new HostileOrigin();
    /** Every failure kind FailureIsolationTest covers, each a fragment of the failing page. */
    static final List<String> KINDS = List.of("status-500", "status-503", "status-404", "status-403", "reset-before",
            "reset-mid-body", "hang", "silence", "drip", "huge", "gzip-bomb", "redirect");

    static {
        ORIGIN.on("/status-500", HostileOrigin.status(500));
        ORIGIN.on("/status-503", HostileOrigin.status(503));
        ORIGIN.on("/status-404", HostileOrigin.status(404));
        ORIGIN.on("/status-403", HostileOrigin.status(403));
        ORIGIN.on("/drip", HostileOrigin.drip());
        ORIGIN.on("/reset-before", HostileOrigin.resetBeforeAnswering());
        ORIGIN.on("/reset-mid-body", HostileOrigin.resetMidBody());
        ORIGIN.on("/hang", ORIGIN.hangBeforeHeaders());
        ORIGIN.on("/silence", ORIGIN.headersThenSilence());
        ORIGIN.on("/huge", HostileOrigin.huge(2));
        ORIGIN.on("/gzip-bomb", HostileOrigin.gzipBomb(20));
        ORIGIN.on("/redirect", HostileOrigin.redirect("http://169.254.169.254/"));
    }

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        StringBuilder fragments = new StringBuilder();
        for (String kind : KINDS) {
            fragments.append("  - {name: ").append(kind).append(", team: t, url: \"").append(ORIGIN.url("/" + kind)).append("\"}\n");
        }
        fragments.append("  - {name: refused, team: t, url: \"http://127.0.0.1:").append(FreePort.refused()).append("/\"}\n");
        // .invalid never resolves (RFC 6761): a DNS failure on every fetch.
        fragments.append("  - {name: unresolvable, team: t, url: \"http://no-such-origin.mosaic.invalid/fragment\"}\n");
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                defaults:
                  timeout: 150ms
                  # Keep every breaker closed, so every request really calls every failing origin.
                  circuitBreaker: {window: 1000, minimumCalls: 1000}
                fragments:
                %s
                pages:
                  - {path: /failing, layout: admin, slots: {main: [%s, refused, unresolvable]}}
                """.formatted(fragments, String.join(", ", KINDS)));
        registry.add("mosaic.manifest", file::toString);
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @Autowired
    WebTestClient web;
    @Autowired
    MeterRegistry meters;

    private void pages(int count, int concurrency) throws Exception {
        WebTestClient client = web.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        ExecutorService browsers = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            done.add(browsers.submit(() -> client.get().uri("/failing").exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult()));
        }
        for (Future<?> future : done) {
            future.get();
        }
        browsers.shutdown();
        assertThat(browsers.awaitTermination(10, TimeUnit.SECONDS)).as("browser threads ended").isTrue();
    }

    /**
     * The JVM's live threads but the fake origin's: it serves each open connection on a thread of
     * its own, so its count follows the keep-alive connections, which are asserted on their own.
     */
    private static List<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> !name.startsWith("hostile-origin")).sorted().toList();
    }

    /**
     * The live threads once the count is back within {@code allowance} of {@code before}, or after 5 s:
     * an executor's or a client's threads end a moment after their work, and other test classes'
     * contexts in this JVM start and end threads of their own.
     */
    private static List<String> settledThreads(int before, int allowance) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> names = threadNames();
        while (names.size() > before + allowance && System.nanoTime() < deadline) {
            Thread.sleep(100);
            names = threadNames();
        }
        return names;
    }

    private double pool(String gauge) {
        // One pool per event loop, named fragments-1, fragments-2...
        return meters.find("reactor.netty.connection.provider." + gauge).gauges().stream()
                .filter(g -> String.valueOf(g.getId().getTag("name")).startsWith("fragments-"))
                .mapToDouble(Gauge::value).sum();
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void thousandsOfFailingFetchesLeaveConnectionsThreadsAndHeapAtBaseline() throws Exception {
        pages(30, 8); // warm up: pools, caches and JIT reach their steady state
        Thread.sleep(300);
        List<String> namesBefore = threadNames();
        int threadsBefore = namesBefore.size();
        long heapBefore = heapAfterGc();

        int requests = 300;
        long started = System.nanoTime();
        pages(requests, 8);
        long seconds = (System.nanoTime() - started) / 1_000_000_000;
        Thread.sleep(500); // let closed connections settle

        List<String> namesAfter = settledThreads(threadsBefore, 2);
        int threadsAfter = namesAfter.size();
        long heapAfter = heapAfterGc();
        double active = pool("active.connections");
        double pending = pool("pending.connections");
        double total = pool("total.connections");
        int originOpen = ORIGIN.openConnections();
        int failingFetches = requests * (KINDS.size() + 2);
        System.out.printf("no-leak figures: %d failing fetches in %d s; threads %d -> %d; heap after GC %.1f MB -> %.1f MB; "
                        + "fragment pool active %.0f, pending %.0f, total %.0f; connections open at the origin %d%n",
                failingFetches, seconds, threadsBefore, threadsAfter, heapBefore / 1e6, heapAfter / 1e6, active, pending, total, originOpen);

        assertThat(active).as("connections still acquired").isZero();
        assertThat(pending).as("fetches still waiting for a connection").isZero();
        // Only keep-alive connections of origins that answered cleanly (500, 503, 404, 403, 302) may stay pooled: at most
        // one per concurrent page and event loop pool each.
        int loops = Math.max(Runtime.getRuntime().availableProcessors(), 4);
        assertThat(total).as("pooled connections").isLessThanOrEqualTo(5 * 8 * loops);
        assertThat(originOpen).as("connections the origin still holds").isLessThanOrEqualTo(5 * 8 * loops);
        List<String> added = new ArrayList<>(namesAfter);
        namesBefore.forEach(added::remove);
        assertThat(threadsAfter).as("threads; new ones: %s", added).isLessThanOrEqualTo(threadsBefore + 2);
        assertThat(heapAfter).as("heap after GC").isLessThan(heapBefore + 16L * 1024 * 1024);
    }
}
