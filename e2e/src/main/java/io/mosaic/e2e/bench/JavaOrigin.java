package io.mosaic.e2e.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The misbehaving origins, in the driver's own JVM (they see single requests only, never load):
 * {@code /slow} answers fragment 3's HTML after {@link #SLOW_DELAY}; {@code /hang} accepts the
 * request and never answers. Neither holds a thread while it waits.
 */
final class JavaOrigin implements AutoCloseable {

    static final Duration SLOW_DELAY = Duration.ofMillis(200);
    /** The fragment whose HTML {@code /slow} answers (so its end marker is fragment 3's). */
    static final int SLOW_FRAGMENT = 3;

    private final HttpServer server;
    private final ScheduledExecutorService timer;
    private final List<HttpExchange> hanging = new ArrayList<>();

    private JavaOrigin(HttpServer server, ScheduledExecutorService timer) {
        this.server = server;
        this.timer = timer;
    }

    static JavaOrigin start() {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK: about 40 ms added to every slow answer. Read once, when the first server starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        byte[] slowBody = FragmentHtml.fragment(SLOW_FRAGMENT).getBytes(StandardCharsets.UTF_8);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "slow-origin");
            thread.setDaemon(true);
            return thread;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            JavaOrigin origin = new JavaOrigin(server, timer);
            server.createContext("/slow", exchange -> timer.schedule(() -> answer(exchange, slowBody),
                    SLOW_DELAY.toMillis(), TimeUnit.MILLISECONDS));
            server.createContext("/hang", origin::hold);
            server.start();
            return origin;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Java origin on 127.0.0.1", e);
        }
    }

    URI slowUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow");
    }

    URI hangUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hang");
    }

    /** Keeps the exchange open and unanswered until the origin stops. */
    private void hold(HttpExchange exchange) {
        synchronized (hanging) {
            hanging.add(exchange);
        }
    }

    private static void answer(HttpExchange exchange, byte[] body) {
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            out.write(body);
        } catch (IOException e) {
            // the composer gave up on this fetch and closed the connection: nothing to answer
        }
    }

    @Override
    public void close() {
        server.stop(0);
        timer.shutdownNow();
        synchronized (hanging) {
            hanging.forEach(HttpExchange::close);
            hanging.clear();
        }
    }
}
