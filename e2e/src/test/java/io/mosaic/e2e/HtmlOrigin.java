package io.mosaic.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A team's origin for a test, on a free port of 127.0.0.1: one fragment's fixed HTML at
 * {@code /fragment} ({@link #fragment}), or every path answered by the test's own handler
 * ({@link #serving}).
 */
final class HtmlOrigin implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);

    private HtmlOrigin(String path, HttpHandler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
        } catch (IOException e) {
            threads.shutdownNow();
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext(path, handler);
        server.start();
    }

    /** Answers {@code html} at {@code /fragment}. */
    static HtmlOrigin fragment(String html) {
        return new HtmlOrigin("/fragment", exchange -> answer(exchange, 200, "text/html;charset=utf-8", html));
    }

    /** Answers every path with {@code handler}. */
    static HtmlOrigin serving(HttpHandler handler) {
        return new HtmlOrigin("/", handler);
    }

    /** Sends {@code body} as UTF-8 with {@code status} and {@code contentType}, and ends the exchange. */
    static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Such as {@code http://127.0.0.1:41234}. */
    String url() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
