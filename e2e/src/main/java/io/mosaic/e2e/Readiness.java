package io.mosaic.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/** Waits for a started process to answer 200 on a URL, and says why when it never does. */
public final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Readiness() {
    }

    /**
     * Polls {@code url} every 100 ms until it answers 200. Fails at once if {@code process}
     * exits, and after {@code timeout}; either way with {@code diagnosis} (a log tail, say).
     */
    public static void await(String name, Process process, URI url, Duration timeout, Supplier<String> diagnosis) {
        awaitAny(name, process, List.of(url), timeout, diagnosis);
    }

    /**
     * As {@link #await}, for a process that may answer on any of {@code urls}: polls each in turn
     * and returns the first that answers 200.
     */
    public static URI awaitAny(String name, Process process, List<URI> urls, Duration timeout, Supplier<String> diagnosis) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with status " + process.exitValue() + " before it was ready:\n"
                        + diagnosis.get());
            }
            for (URI url : urls) {
                try {
                    HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return url;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + name, e);
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
        }
        throw new IllegalStateException(name + " did not answer " + (urls.size() == 1 ? urls.get(0) : "any of " + urls)
                + " with 200 within " + timeout.toSeconds() + " s:\n" + diagnosis.get());
    }
}
