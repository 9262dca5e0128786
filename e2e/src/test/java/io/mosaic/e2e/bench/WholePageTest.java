package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What makes a page whole, read from real answers of a server on 127.0.0.1. */
class WholePageTest {

    static final BenchPages PAGES = BenchPages.of(
            new OriginUrls(origins("/f%d.html"), origins("/f%d-100k.html"), origins("/cached/f%d.html"), origins("/p/f%d.html"),
                    origins("/assets/f%d.css")),
            URI.create("http://127.0.0.1:9100/slow"), URI.create("http://127.0.0.1:9100/hang"), URI.create("http://127.0.0.1:9200/closed.html"));
    static final AtomicReference<String> BODY = new AtomicReference<>();
    static HttpServer server;

    private static List<URI> origins(String path) {
        return IntStream.rangeClosed(1, 20).mapToObj(n -> URI.create("http://127.0.0.1:" + (9000 + n) + String.format(path, n))).toList();
    }

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = BODY.get().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    /** The page as the gateway writes it: a box per fragment with its state, its content or the fallback. */
    private static String page(PageSpec page, List<String> states) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><main>");
        for (int i = 0; i < page.fragments().size(); i++) {
            FragmentSpec fragment = page.fragments().get(i);
            html.append("<div class=\"mosaic-fragment\" data-fragment=\"").append(fragment.name()).append("\" data-fragment-state=\"")
                    .append(states.get(i)).append("\">")
                    .append(states.get(i).equals("fallback") ? FragmentSpec.FALLBACK : "<p>widget</p>" + fragment.marker())
                    .append("</div>");
        }
        return html.append("</main>").toString();
    }

    private static String problem(String body, PageSpec page) {
        BODY.set(body);
        return WholePage.problem(TimedPage.get(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + page.path())), page);
    }

    @Test
    void aPageWithAHangingFragmentIsWholeWithItsFallbackInItsPlace() {
        PageSpec hanging = PAGES.hanging();
        assertThat(problem(page(hanging, List.of("ok", "ok", "fallback", "ok", "ok")), hanging)).isNull();
    }

    @Test
    void aPageWithAHangingFragmentIsNotWholeWithoutItsFallback() {
        PageSpec hanging = PAGES.hanging();
        String body = page(hanging, List.of("ok", "ok", "fallback", "ok", "ok")).replace(FragmentSpec.FALLBACK, "");
        assertThat(problem(body, hanging)).startsWith("0 fallbacks shown where 1 fragments never answer");
    }

    @Test
    void aHealthyFragmentInItsFallbackIsNotWhole() {
        PageSpec fast = PAGES.fast();
        assertThat(problem(page(fast, List.of("ok", "ok", "ok", "ok", "ok")), fast)).isNull();
        assertThat(problem(page(fast, List.of("ok", "fallback", "ok", "ok", "ok")), fast)).isNotNull();
        assertThat(problem(page(fast, List.of("ok", "ok", "ok", "stale", "ok")), fast)).startsWith("1 fragment boxes in state stale");
    }
}
