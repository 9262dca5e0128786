package io.mosaic.gateway.probe;

import io.mosaic.gateway.support.TestOrigin;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A measurement, not a test (its name keeps it out of the normal run): bytes allocated and CPU time
 * used by the gateway's threads per page request of three fragments, four clients at a time, in
 * three rounds of 4000 after 4000 to warm up. Compare Reactor's context propagation modes, each in
 * its own JVM:
 * {@code mvn -o -pl manifest,gateway verify -Dtest=PropagationCostProbe -Dsurefire.failIfNoSpecifiedTests=false -Dprobe.mode=auto}
 * (or {@code limited}); the lines start with {@code PROBE} in
 * {@code gateway/target/surefire-reports/io.mosaic.gateway.probe.PropagationCostProbe-output.txt}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {"mosaic.warm-up.rounds=0",
        "spring.reactor.context-propagation=${probe.mode:auto}", "logging.level.io.mosaic=WARN"})
class PropagationCostProbe {

    static final TestOrigin ORIGIN = new TestOrigin().html("/a", "<nav>a</nav>").html("/b", "<p>" + "b".repeat(2000) + "</p>")
            .html("/c", "<aside>c</aside>");

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
                  - {path: /p, layout: admin, slots: {header: a, main: b, aside: c}}
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", file::toString);
    }

    @LocalServerPort
    int port;

    /** {@code measure} of every thread of the gateway's (not the probe's, the origin's or the test runner's), by thread id. */
    static Map<Long, Long> perGatewayThread(ToLongFunction<Long> measure) {
        Map<Long, Long> out = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            String n = t.getName();
            if (n.startsWith("HttpClient") || n.startsWith("test-origin") || n.equals("main") || n.startsWith("probe")
                    || n.startsWith("surefire")) {
                continue;
            }
            out.put(t.getId(), measure.applyAsLong(t.getId()));
        }
        return out;
    }

    /** The growth from {@code before} to {@code after}, summed over threads (a thread born since counts from 0). */
    static long growth(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (var e : after.entrySet()) {
            sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
        }
        return sum;
    }

    void run(HttpClient http, int requests, int users) throws Exception {
        AtomicInteger left = new AtomicInteger(requests);
        ExecutorService pool = Executors.newFixedThreadPool(users, r -> new Thread(r, "probe"));
        URI uri = URI.create("http://127.0.0.1:" + port + "/p");
        List<Future<?>> clients = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            clients.add(pool.submit(() -> {
                while (left.decrementAndGet() >= 0) {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200 || !r.body().contains("bbbb")) {
                        throw new AssertionError("page answered " + r.statusCode() + " without fragment b");
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> client : clients) {
            client.get(10, TimeUnit.MINUTES); // a failed page fails the probe
        }
    }

    @Test
    void probe() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        HttpClient http = HttpClient.newHttpClient();
        run(http, 4000, 4);
        for (int round = 0; round < 3; round++) {
            Map<Long, Long> before = perGatewayThread(threads::getThreadAllocatedBytes);
            Map<Long, Long> cpuBefore = perGatewayThread(threads::getThreadCpuTime);
            long started = System.nanoTime();
            int n = 4000;
            run(http, n, 4);
            long nanos = System.nanoTime() - started;
            long bytes = growth(before, perGatewayThread(threads::getThreadAllocatedBytes));
            long cpuNanos = growth(cpuBefore, perGatewayThread(threads::getThreadCpuTime));
            System.out.printf("PROBE mode=%s round=%d bytes/request=%d wall-micros/request=%.1f cpu-micros/request=%.1f%n",
                    System.getProperty("probe.mode", "auto"), round, bytes / n, nanos / 1000.0 / n, cpuNanos / 1000.0 / n);
        }
    }
}
