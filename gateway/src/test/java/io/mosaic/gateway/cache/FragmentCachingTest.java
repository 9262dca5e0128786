package io.mosaic.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.TestOrigin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Fragment answers reused by HTTP's rules, against a real origin that sends real caching headers
 * and counts its calls: each test has its own fragment and path, so counts do not mix.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class FragmentCachingTest {

    static final TestOrigin ORIGIN = new TestOrigin();
    /** Paths whose origin answers 500 from now on. */
    static final java.util.Set<String> FAILING = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static final AtomicInteger VERSION = new AtomicInteger(1);

    static {
        cacheable("/max-age", "max-age=60", null);
        cacheable("/no-store", "no-store, max-age=60", null);
        cacheable("/vary-page", "max-age=60", "X-Page-Path");
        cacheable("/shared", "max-age=60", null);
        cacheable("/swr", "max-age=1, stale-while-revalidate=30", null);
        cacheable("/sie", "max-age=1, stale-if-error=60", null);
        cacheable("/no-cache-sie", "no-cache, stale-if-error=60", null);
        cacheable("/private", "private, max-age=60", null);
        cacheable("/plain", null, null);
        cacheable("/cache-for", null, null);
        ORIGIN.on("/etag", exchange -> {
            String tag = "\"v" + VERSION.get() + "\"";
            exchange.getResponseHeaders().set("ETag", tag);
            exchange.getResponseHeaders().set("Cache-Control", "no-cache");
            if (tag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            TestOrigin.send(exchange, 200, "text/html", "<p class=etag>version " + VERSION.get() + "</p>");
        });
        ORIGIN.on("/slow", exchange -> {
            sleep(1_500); // long enough for all eight pages to reach the gateway on a slow machine
            // Never stored: one origin call for eight pages can only be their sharing the fetch.
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            TestOrigin.send(exchange, 200, "text/html", "<p class=slow>slow</p>");
        });
    }

    /** An origin path answering with these headers; its body names the page it was composed into and the call. */
    static void cacheable(String path, String cacheControl, String vary) {
        AtomicInteger calls = new AtomicInteger();
        ORIGIN.on(path, exchange -> answer(exchange, path, cacheControl, vary, calls.incrementAndGet()));
    }

    static void answer(HttpExchange exchange, String path, String cacheControl, String vary, int call) throws IOException {
        if (FAILING.contains(path)) {
            TestOrigin.send(exchange, 500, "text/plain", "down");
            return;
        }
        if (cacheControl != null) {
            exchange.getResponseHeaders().set("Cache-Control", cacheControl);
        }
        if (vary != null) {
            exchange.getResponseHeaders().set("Vary", vary);
        }
        String page = exchange.getRequestHeaders().getFirst("X-Page-Path");
        TestOrigin.send(exchange, 200, "text/html", "<p class=answer>" + path + " on " + page + " call " + call + "</p>");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final List<String> FRAGMENTS = List.of("max-age", "no-store", "vary-page", "shared", "swr", "sie", "no-cache-sie",
            "private", "plain", "etag");

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        StringBuilder manifest = new StringBuilder("version: 1\nfragments:\n");
        for (String name : FRAGMENTS) {
            manifest.append("  - {name: ").append(name).append(", team: t, url: \"").append(ORIGIN.url("/" + name)).append("\"}\n");
        }
        manifest.append("  - {name: cache-for, team: t, url: \"").append(ORIGIN.url("/cache-for")).append("\", cacheFor: 60s}\n");
        manifest.append("  - {name: slow, team: t, url: \"").append(ORIGIN.url("/slow")).append("\", timeout: 10s}\n");
        manifest.append("pages:\n");
        for (String name : FRAGMENTS) {
            manifest.append("  - {path: /").append(name).append(", layout: admin, slots: {main: ").append(name).append("}}\n");
        }
        for (String name : List.of("vary-page", "shared", "plain", "cache-for")) {
            manifest.append("  - {path: /").append(name).append("/other, layout: admin, slots: {main: ").append(name).append("}}\n");
        }
        manifest.append("  - {path: /cache-for, layout: admin, slots: {main: cache-for}}\n");
        manifest.append("  - {path: /slow, layout: admin, slots: {main: slow}}\n");
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, manifest);
        registry.add("mosaic.manifest", file::toString);
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    Environment environment;

    @LocalServerPort
    int port;

    /** The fragment's box on {@code page}. */
    Element box(String page, String fragment) {
        String html = web.get().uri(page).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        Element box = Jsoup.parse(html).selectFirst("[data-fragment=" + fragment + "]");
        assertThat(box).as("the box of %s on %s", fragment, page).isNotNull();
        return box;
    }

    long calls(String path) {
        return ORIGIN.seen().stream().filter(seen -> seen.path().equals(path)).count();
    }

    @Test
    void aFreshAnswerIsServedWithoutAskingTheOrigin() {
        Element first = box("/max-age", "max-age");
        Element second = box("/max-age", "max-age");
        assertThat(first.attr("data-fragment-cache")).isEqualTo("miss");
        assertThat(second.attr("data-fragment-cache")).isEqualTo("hit");
        assertThat(second.attr("data-fragment-state")).isEqualTo("ok");
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(calls("/max-age")).isEqualTo(1);
        assertThat(ApiClients.prometheus(environment))
                .contains("mosaic_fragment_cache_total{fragment=\"max-age\",result=\"hit\"}")
                .contains("mosaic_fragment_cache_total{fragment=\"max-age\",result=\"miss\"}");
    }

    @Test
    void noStoreAndPrivateAnswersAreFetchedEveryTime() {
        box("/no-store", "no-store");
        assertThat(box("/no-store", "no-store").attr("data-fragment-cache")).isEqualTo("miss");
        assertThat(calls("/no-store")).isEqualTo(2);
        box("/private", "private");
        box("/private", "private");
        assertThat(calls("/private")).isEqualTo(2);
    }

    @Test
    void anAnswerThatVariesOnThePageIsKeptPerPageAndOneThatDoesNotIsShared() {
        assertThat(box("/vary-page", "vary-page").text()).contains("on /vary-page ");
        assertThat(box("/vary-page/other", "vary-page").text()).contains("on /vary-page/other ");
        assertThat(box("/vary-page", "vary-page").attr("data-fragment-cache")).isEqualTo("hit");
        assertThat(box("/vary-page/other", "vary-page").attr("data-fragment-cache")).isEqualTo("hit");
        assertThat(calls("/vary-page")).isEqualTo(2);

        String shared = box("/shared", "shared").text();
        assertThat(box("/shared/other", "shared").text()).isEqualTo(shared);
        assertThat(calls("/shared")).isEqualTo(1);
    }

    @Test
    void aStoredAnswerWithAnETagIsRevalidatedAndA304ReusesIt() {
        VERSION.set(1);
        assertThat(box("/etag", "etag").attr("data-fragment-cache")).isEqualTo("miss");
        Element revalidated = box("/etag", "etag");
        assertThat(revalidated.attr("data-fragment-cache")).isEqualTo("revalidated");
        assertThat(revalidated.text()).isEqualTo("version 1");
        List<TestOrigin.Seen> seen = ORIGIN.seen().stream().filter(s -> s.path().equals("/etag")).toList();
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).header("If-None-Match")).isNull();
        assertThat(seen.get(1).header("If-None-Match")).isEqualTo("\"v1\"");

        VERSION.set(2);
        Element changed = box("/etag", "etag");
        assertThat(changed.attr("data-fragment-cache")).isEqualTo("miss");
        assertThat(changed.text()).isEqualTo("version 2");
    }

    @Test
    void staleWhileRevalidateServesTheStoredAnswerAtOnceAndRefreshesItInTheBackground() throws Exception {
        String first = box("/swr", "swr").text();
        Thread.sleep(1_200);
        Element stale = box("/swr", "swr");
        assertThat(stale.attr("data-fragment-cache")).isEqualTo("stale");
        assertThat(stale.attr("data-fragment-state")).isEqualTo("ok");
        assertThat(stale.text()).isEqualTo(first);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (calls("/swr") < 2 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(calls("/swr")).as("revalidated in the background").isEqualTo(2);
        // The origin has answered; the background fetch stores its answer a moment later.
        Element refreshed = box("/swr", "swr");
        while (!refreshed.text().contains("call 2") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            refreshed = box("/swr", "swr");
        }
        // Stored again by the background fetch: a hit, or stale again on a machine slow enough to take 1 s.
        assertThat(refreshed.attr("data-fragment-cache")).isIn("hit", "stale");
        assertThat(refreshed.text()).contains("call 2");
    }

    @Test
    void staleIfErrorServesTheStoredAnswerWhenTheOriginFailsUnlessNoCacheForbidsIt() throws Exception {
        String first = box("/sie", "sie").text();
        box("/no-cache-sie", "no-cache-sie");
        FAILING.add("/sie");
        FAILING.add("/no-cache-sie");
        Thread.sleep(1_200);
        Element stale = box("/sie", "sie");
        assertThat(stale.attr("data-fragment-state")).isEqualTo("stale");
        assertThat(stale.attr("data-fragment-cache")).isEqualTo("stale");
        assertThat(stale.text()).isEqualTo(first);
        assertThat(box("/no-cache-sie", "no-cache-sie").attr("data-fragment-state")).isEqualTo("error");
    }

    /**
     * The wrong-variant bug: the navigation marks the current page, and its origin says nothing
     * about caching. Its last good copy from the billing page must not stand in on another page.
     */
    @Test
    void theLastGoodCopyOfAnAnswerIsNeverServedOnAnotherPage() {
        assertThat(box("/plain/other", "plain").text()).contains("on /plain/other ");
        assertThat(box("/plain", "plain").text()).contains("on /plain ");
        FAILING.add("/plain");
        try {
            Element here = box("/plain", "plain");
            assertThat(here.attr("data-fragment-state")).isEqualTo("stale");
            assertThat(here.text()).contains("on /plain ");
            Element other = box("/plain/other", "plain");
            assertThat(other.attr("data-fragment-state")).isEqualTo("stale");
            assertThat(other.text()).contains("on /plain/other ").doesNotContain("on /plain call");
        } finally {
            FAILING.remove("/plain");
        }
    }

    @Test
    void theManifestsCacheForReusesAnAnswerWithoutCachingHeadersPerPage() {
        box("/cache-for", "cache-for");
        assertThat(box("/cache-for", "cache-for").attr("data-fragment-cache")).isEqualTo("hit");
        assertThat(calls("/cache-for")).isEqualTo(1);
        assertThat(box("/cache-for/other", "cache-for").text()).contains("on /cache-for/other ");
        assertThat(calls("/cache-for")).isEqualTo(2);
    }

    /**
     * Eight identical pages, but for their request ids and traces, send the origin the same request:
     * they share one fetch even of an answer that may not be stored.
     */
    @Test
    void concurrentIdenticalPagesMakeOneOriginRequestEvenForANoStoreAnswer() {
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> pages = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pages.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow"))
                    .header("X-Request-Id", "page-" + i).header("traceparent", "00-%032x-%016x-01".formatted(i + 1, i + 1))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> page : pages) {
            assertThat(page.join().body()).contains("<p class=\"slow\">slow</p>");
        }
        assertThat(calls("/slow")).isEqualTo(1);
    }
}
