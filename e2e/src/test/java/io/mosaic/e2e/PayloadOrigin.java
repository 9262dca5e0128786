package io.mosaic.e2e;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The teams' origin for the mXSS suite, on loopback: {@code /p?i=N} answers payload N,
 * {@code /victim} and {@code /late} the two other teams' fixed content, {@code /fail} a 500 (so
 * the manifest's fallback shows), and {@code /phish} counts the browsers a payload sent there.
 */
final class PayloadOrigin implements AutoCloseable {

    /** The victim team's content: a paragraph a declarative patch could target by id, and a form another box's controls could join. */
    static final String VICTIM = "<p id=\"victim-content\">VICTIM</p><form id=\"victim-form\" action=\"/victim\">"
            + "<input name=\"secret\" value=\"s\"></form>";
    static final String LATE = "<p id=\"late-content\">LATE</p>";

    private final HttpServer server;
    private final AtomicInteger phished = new AtomicInteger();

    PayloadOrigin(List<MxssCorpus.Payload> payloads) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/p", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            int i = -1;
            for (String pair : query == null ? new String[0] : query.split("&")) {
                if (pair.startsWith("i=")) {
                    i = Integer.parseInt(pair.substring(2));
                }
            }
            if (i < 0 || i >= payloads.size()) {
                answer(exchange, 404, "no payload " + i);
            } else {
                answer(exchange, 200, payloads.get(i).html());
            }
        });
        server.createContext("/victim", exchange -> answer(exchange, 200, VICTIM));
        server.createContext("/late", exchange -> answer(exchange, 200, LATE));
        server.createContext("/fail", exchange -> answer(exchange, 500, "<p>origin down</p>"));
        server.createContext("/phish", exchange -> {
            phished.incrementAndGet();
            answer(exchange, 200, "<p>phished</p>");
        });
        server.start();
    }

    /** Such as {@code http://127.0.0.1:41234}. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many requests reached {@code /phish}. */
    int phished() {
        return phished.get();
    }

    private static void answer(HttpExchange exchange, int status, String html) throws IOException {
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
