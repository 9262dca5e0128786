package io.mosaic.gateway.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP origin on loopback for tests, like the podium client's in-process PodletServer:
 * paths answer what the test says, and every request is recorded (path, query, headers).
 */
public final class TestOrigin implements AutoCloseable {

    /** What a path answers. */
    @FunctionalInterface
    public interface Answer {
        void answer(HttpExchange exchange) throws IOException;
    }

    /** A request as the origin saw it. */
    public record Seen(String path, String query, Map<String, List<String>> headers) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().get(0)).orElse(null);
        }
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    public TestOrigin() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "test-origin");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", exchange -> {
            calls.incrementAndGet();
            seen.add(new Seen(exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders())));
            Answer answer = answers.get(exchange.getRequestURI().getPath());
            try (exchange) {
                if (answer == null) {
                    send(exchange, 404, "text/plain", "no such path");
                } else {
                    answer.answer(exchange);
                }
            } catch (IOException e) {
                // the gateway hung up: fine for a test origin
            }
        });
        server.start();
    }

    /** Makes {@code path} answer 200 with {@code html}. */
    public TestOrigin html(String path, String html) {
        return on(path, exchange -> send(exchange, 200, "text/html;charset=UTF-8", html));
    }

    public TestOrigin on(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    public static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests received so far, in order. */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** How many requests reached this origin. */
    public int calls() {
        return calls.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
