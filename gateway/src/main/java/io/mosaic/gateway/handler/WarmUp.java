package io.mosaic.gateway.handler;

import io.mosaic.gateway.plan.PlanHolder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * Composes every page of the manifest a few times over HTTP once the server listens, before the
 * application is ready: Spring Boot turns readiness to accepting traffic only after its runners
 * return, so {@code /actuator/health/readiness} (and {@code /actuator/health}) answer 503 until
 * the warm-up is done. The operator sets it with {@code mosaic.warm-up.rounds} and
 * {@code mosaic.warm-up.max-time}.
 */
public final class WarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(WarmUp.class);

    private final PlanHolder plans;
    private final int rounds;
    private final Duration maxTime;
    private final Supplier<URI> base;

    /**
     * @param rounds how many times each page is composed; 0 turns warm-up off
     * @param maxTime when warm-up gives up, however far it got
     * @param base the gateway's own address once it listens, such as {@code http://127.0.0.1:8080}
     */
    public WarmUp(PlanHolder plans, int rounds, Duration maxTime, Supplier<URI> base) {
        this.plans = plans;
        this.rounds = rounds;
        this.maxTime = maxTime;
        this.base = base;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> pages = new ArrayList<>(plans.current().pages().keySet());
        if (rounds == 0 || pages.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + maxTime.toNanos();
        Map<String, Integer> notOk = new LinkedHashMap<>();
        int composed = 0;
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI root = base.get();
        try {
            composing:
            for (int round = 0; round < rounds; round++) {
                for (String page : pages) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break composing;
                    }
                    // Bounded here, not by the request's timeout: that one ends at the headers, which a
                    // streamed page sends at once.
                    CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(HttpRequest.newBuilder(root.resolve(page)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    int status;
                    try {
                        status = answer.get(left, TimeUnit.NANOSECONDS).statusCode();
                    } catch (TimeoutException e) {
                        answer.cancel(true);
                        break composing;
                    } catch (ExecutionException e) {
                        throw new IOException(e.getCause());
                    }
                    composed++;
                    if (status != 200) {
                        notOk.put(page, status);
                    }
                }
            }
        } catch (IOException e) {
            log.warn("warm-up stopped after {} pages: {}", composed, e.toString());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        int planned = rounds * pages.size();
        log.info("warm-up: {} of {} page requests ({} pages, {} rounds) in {} ms{}{}", composed, planned, pages.size(),
                rounds, millis, composed < planned ? ", stopped at mosaic.warm-up.max-time=" + maxTime : "",
                notOk.isEmpty() ? "" : "; not 200: " + notOk);
    }
}
