package io.mosaic.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Page latency (by status) and time to first byte, tagged {@code page} with the plan's page paths only (a
 * made-up path is a 404 before it gets here, so it cannot mint a series). Timers are made once
 * per page and reused.
 */
public final class PageMetrics {

    private final MeterRegistry meters;
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<String, Timer> firstByte = new ConcurrentHashMap<>();

    public PageMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * The whole page, from the request to its last byte, tagged with its status too (one of the
     * few a page answers: 200, 404, 410, 503). Pages are served below WebFlux, so Spring's
     * {@code http.server.requests} does not count them: this is the pages' request count by status.
     */
    public void latency(String page, int status, long nanos) {
        latency.computeIfAbsent(page + ' ' + status, key -> timer("mosaic.page.latency", "Time to compose and send a whole page", page)
                        .tag("status", Integer.toString(status)).register(meters))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** From the request to the page's first byte of body. */
    public void firstByte(String page, long nanos) {
        firstByte.computeIfAbsent(page, p -> timer("mosaic.page.first.byte", "Time to a page's first byte of body", p).register(meters))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static Timer.Builder timer(String name, String description, String page) {
        return Timer.builder(name).description(description).tag("page", page)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30));
    }
}
