package io.mosaic.gateway.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.plan.PagePlan;
import io.mosaic.gateway.plan.PlanCompiler;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.FreePort;
import io.mosaic.gateway.support.TestOrigin;
import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.Manifest;
import io.mosaic.manifest.Mount;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.RequestPath;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Pages composed by the real gateway from real origins on loopback: healthy ones, and ones that
 * fail, hang or refuse connections.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class PageCompositionTest {

    static final TestOrigin HEALTHY = new TestOrigin()
            .html("/header", "<header class=\"hdr\">Header <a href=\"/admin/other\">Other page</a></header>")
            .html("/doc", """
                    <!DOCTYPE html><html><head><title>Team page</title><base href="http://evil.example/">
                    <meta http-equiv="refresh" content="0;url=http://evil.example/">
                    <link rel="stylesheet" href="/assets/doc.css"><link rel="stylesheet" href="/assets/shared.css">
                    <script src="/assets/doc.js"></script></head>
                    <body class="theirs"><section class="doc">Whole <b>document</b> <img src="img/logo.png">
                    <a href="/api/export.csv">Export</a></section></body></html>""")
            .html("/unclosed", "<div class=\"open\"><p>never closed <span>either")
            .html("/stray", "<p>stray</p></body></html><p>after</p>")
            .html("/main", "<p class=\"main-content\">Main</p>")
            .on("/gone", exchange -> TestOrigin.send(exchange, 404, "text/html", "<p class=\"not-found\">No such member</p>"))
            .html("/assets/doc.css", ".doc { color: red }")
            .html("/api/items", "[1,2,3]")
            .html("/fragment-internal", "secret");
    static final TestOrigin FAILING = new TestOrigin()
            .on("/500", exchange -> TestOrigin.send(exchange, 500, "text/html", "<h1>Internal error</h1>"))
            .on("/hang", exchange -> sleep(30_000));
    static final int REFUSED = FreePort.refused();

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                defaults:
                  timeout: 400ms
                fragments:
                  - name: header
                    team: platform
                    url: "%1$s/header"
                    mount: [{page: /admin/wall, slot: widgets, order: 20}]
                  - name: doc
                    team: people
                    url: "%1$s/doc"
                    assets: {css: [/assets/doc.css, /assets/shared.css]}
                    proxy: [/api]
                    mount: [{page: /admin/wall, slot: widgets, order: 10}]
                  - {name: unclosed, team: people, url: "%1$s/unclosed"}
                  - {name: stray, team: people, url: "%1$s/stray"}
                  - {name: main, team: people, url: "%1$s/main", mount: [{page: /admin/wall, slot: widgets, order: 20}]}
                  - {name: gone, team: people, url: "%1$s/gone", fallback: "<p>Gone fallback</p>"}
                  - {name: broken, team: billing, url: "%2$s/500", fallback: "<p class=\\"fb\\">Broken fallback</p>"}
                  - {name: hanging, team: billing, url: "%2$s/hang", fallback: "<p class=\\"fb\\">Hanging fallback</p>"}
                  - {name: refused, team: billing, url: "http://127.0.0.1:%3$d/x", fallback: "<p class=\\"fb\\">Refused fallback</p>"}
                  - {name: nofallback, team: billing, url: "http://127.0.0.1:%3$d/y"}
                pages:
                  - path: /admin/all
                    title: Everything
                    layout: admin
                    slots:
                      header: header
                      nav: [unclosed, stray]
                      main: [doc, main]
                      aside: [broken, hanging, refused, nofallback]
                  - path: /admin/gone
                    layout: admin
                    primary: gone
                    slots: {header: header, main: gone}
                  - path: /admin/down
                    layout: admin
                    primary: nofallback
                    slots: {header: header, main: nofallback}
                  - path: /admin/degraded
                    layout: admin
                    primary: broken
                    slots: {header: header, main: broken}
                  - path: /admin/wall
                    layout: dashboard
                    slots: {widgets: {open: true, max: 3}}
                """.formatted(HEALTHY.url(""), FAILING.url(""), REFUSED));
        registry.add("mosaic.manifest", file::toString);
    }

    @AfterAll
    static void stopOrigins() {
        HEALTHY.close();
        FAILING.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    WebTestClient web;

    @Autowired
    Environment environment;

    @Autowired
    PlanHolder plans;

    @Autowired
    PlanCompiler compiler;

    private EntityExchangeResult<String> get(String path) {
        return web.mutate().responseTimeout(Duration.ofSeconds(10)).build()
                .get().uri(path).exchange().expectBody(String.class).returnResult();
    }

    @Test
    void composesEveryFragmentIntoItsSlotWithItsOutcome() {
        EntityExchangeResult<String> result = get("/admin/all");
        assertThat(result.getStatus().value()).isEqualTo(200);
        Document page = Jsoup.parse(result.getResponseBody());
        assertThat(page.select("header.mosaic-header [data-fragment=header] .hdr").text()).startsWith("Header");
        assertThat(page.select("main.mosaic-main > [data-fragment]").eachAttr("data-fragment")).containsExactly("doc", "main");
        assertThat(page.select("aside.mosaic-aside > [data-fragment]").eachAttr("data-fragment"))
                .containsExactly("broken", "hanging", "refused", "nofallback");
        assertThat(page.select("[data-fragment=main]").attr("data-fragment-state")).isEqualTo("ok");
        assertThat(page.select("[data-fragment=broken]").attr("data-fragment-state")).isEqualTo("fallback");
        assertThat(page.select("[data-fragment=broken] .fb").text()).isEqualTo("Broken fallback");
        assertThat(page.select("[data-fragment=hanging]").attr("data-fragment-state")).isEqualTo("fallback");
        assertThat(page.select("[data-fragment=refused]").attr("data-fragment-state")).isEqualTo("fallback");
        assertThat(page.select("[data-fragment=nofallback]").attr("data-fragment-state")).isEqualTo("error");
        assertThat(page.select("[data-fragment=nofallback]").html()).isEmpty();
    }

    @Test
    void pageAnswersWithinTheDeadlineWhileAFragmentHangs() {
        long started = System.nanoTime();
        EntityExchangeResult<String> result = get("/admin/all");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(result.getStatus().value()).isEqualTo(200);
        // The hanging origin would hold the request for 30 s; the fragment's deadline is 400 ms.
        assertThat(millis).isLessThan(5_000);
        assertThat(result.getResponseBody()).contains("Hanging fallback");
    }

    @Test
    void wholeDocumentsAndBrokenMarkupStayInsideTheirOwnBox() {
        String html = get("/admin/all").getResponseBody();
        Document page = Jsoup.parse(html);
        assertThat(html.split("<html", -1)).hasSize(2);
        assertThat(html.split("</body>", -1)).hasSize(2);
        assertThat(page.select("title").text()).isEqualTo("Everything");
        assertThat(page.select("base")).isEmpty();
        assertThat(page.select("meta[http-equiv]")).isEmpty();
        assertThat(page.select("[data-fragment=doc] section.doc b").text()).isEqualTo("document");
        // The unclosed fragment is closed at its own box: the next fragment is its sibling, not its child.
        assertThat(page.select("[data-fragment=unclosed] [data-fragment]")).isEmpty();
        assertThat(page.select("nav.mosaic-nav > [data-fragment]").eachAttr("data-fragment")).containsExactly("unclosed", "stray");
        assertThat(page.select("[data-fragment=stray] p").eachText()).containsExactly("stray", "after");
    }

    @Test
    void fragmentAssetsAreLoadedOnceFromTheHeadThroughTheProxy() {
        String html = get("/admin/all").getResponseBody();
        Document page = Jsoup.parse(html);
        assertThat(page.head().select("link[rel=stylesheet]").eachAttr("href"))
                .containsExactly("/fragments/doc/assets/doc.css", "/fragments/doc/assets/shared.css");
        assertThat(page.select("link[href=/fragments/doc/assets/doc.css]")).hasSize(1);
        // A script found in the answer but not declared never runs, and is never learned into later pages' heads.
        String later = get("/admin/all").getResponseBody();
        assertThat(Jsoup.parse(html).select("script[src=/fragments/doc/assets/doc.js]")).isEmpty();
        assertThat(Jsoup.parse(later).select("script[src=/fragments/doc/assets/doc.js]")).isEmpty();
        assertThat(Jsoup.parse(later).head().select("link[rel=stylesheet]").eachAttr("href"))
                .containsExactly("/fragments/doc/assets/doc.css", "/fragments/doc/assets/shared.css");
    }

    @Test
    void fragmentUrlsPointAtItsProxyAndPageLinksStayPageLinks() {
        Document page = Jsoup.parse(get("/admin/all").getResponseBody());
        assertThat(page.select("[data-fragment=doc] img").attr("src")).isEqualTo("/fragments/doc/img/logo.png");
        assertThat(page.select("[data-fragment=doc] a").attr("href")).isEqualTo("/fragments/doc/api/export.csv");
        assertThat(page.select("[data-fragment=header] a").attr("href")).isEqualTo("/admin/other");
    }

    @Test
    void proxyServesDeclaredAssetsAndApiPathsAndNothingElse() {
        web.get().uri("/fragments/doc/assets/doc.css").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo(".doc { color: red }");
        web.get().uri("/fragments/doc/api/items").exchange().expectStatus().isOk();
        web.get().uri("/fragments/doc/fragment-internal").exchange().expectStatus().isNotFound();
        web.get().uri("/fragments/doc/doc").exchange().expectStatus().isNotFound();
        // Refused before routing by the path policy (and Spring Security's firewall): a dot segment never reaches the origin.
        web.get().uri("/fragments/doc/api/../fragment-internal").exchange().expectStatus().isBadRequest();
        web.get().uri("/fragments/doc/api/%c0%ae%c0%ae/fragment-internal").exchange().expectStatus().isBadRequest();
        assertThat(HEALTHY.seen()).noneMatch(seen -> seen.path().contains("fragment-internal"));
        web.get().uri("/fragments/header/assets/doc.css").exchange().expectStatus().isNotFound();
    }

    @Test
    void browserCredentialsNeverReachFragmentsButContextDoes() {
        web.get().uri("/admin/all?q=ada")
                .header("Cookie", "session=secret")
                .header("Authorization", "Bearer secret")
                .header("Accept-Language", "de-CH")
                .header("X-Request-Id", "req-123")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        TestOrigin.Seen request = HEALTHY.seen().stream()
                .filter(s -> s.path().equals("/main") && "q=ada".equals(s.query())).findFirst()
                .orElseThrow(() -> new AssertionError("not seen: " + HEALTHY.seen()));
        assertThat(request.header("Cookie")).isNull();
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.header("Accept-Language")).isEqualTo("de-CH");
        assertThat(request.header("X-Request-Id")).isEqualTo("req-123");
        assertThat(request.header("X-Fragment-Base-Path")).isEqualTo("/fragments/main");
        assertThat(request.header("X-Page-Path")).isEqualTo("/admin/all");

        web.get().uri("/fragments/doc/api/items").header("Cookie", "session=secret")
                .header("Authorization", "Bearer secret").header("X-Auth-Request-Access-Token", "sso")
                .header("X-Outside-The-Allow-List", "leaked").header("Accept-Language", "de-CH")
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult();
        TestOrigin.Seen proxied = HEALTHY.seen().stream().filter(s -> s.path().equals("/api/items")).reduce((a, b) -> b).orElseThrow();
        assertThat(proxied.header("Cookie")).isNull();
        assertThat(proxied.header("Authorization")).isNull();
        assertThat(proxied.header("X-Auth-Request-Access-Token")).isNull();
        assertThat(proxied.header("X-Outside-The-Allow-List")).isNull();
        assertThat(proxied.header("Accept-Language")).isEqualTo("de-CH");
    }

    @Test
    void anOpenSlotShowsItsMountedFragmentsByOrderThenName() {
        EntityExchangeResult<String> result = get("/admin/wall");
        assertThat(result.getStatus().value()).isEqualTo(200);
        Document page = Jsoup.parse(result.getResponseBody());
        // doc has order 10; header and main share 20 and go by name.
        assertThat(page.select("[data-fragment]").eachAttr("data-fragment")).containsExactly("doc", "header", "main");
        assertThat(page.select("[data-fragment=main] .main-content").text()).isEqualTo("Main");
        assertThat(page.select("[data-fragment=main]").attr("data-fragment-state")).isEqualTo("ok");
        // A mounted fragment's declared assets load from the head like a named one's.
        assertThat(page.head().select("link[rel=stylesheet]").eachAttr("href")).contains("/fragments/doc/assets/doc.css");
    }

    @Test
    void anOpenSlotNeverShowsMoreThanItsMax() {
        // The validator refuses a fourth mount; a manifest built in code is still cut at the slot's max.
        Manifest manifest = plans.current().manifest();
        FragmentDefinition stray = manifest.fragment("stray").orElseThrow();
        FragmentDefinition strayMounted = stray.toBuilder().mount(List.of(new Mount("/admin/wall", "widgets", 0))).build();
        List<FragmentDefinition> fragments = manifest.fragments().stream()
                .map(f -> f.name().equals("stray") ? strayMounted : f).toList();
        PagePlan wall = compiler.compile(new Manifest(manifest.version(), manifest.defaults(), fragments, manifest.pages()), "test", java.util.Set.of(), java.util.Map.of(), null)
                .page("/admin/wall").orElseThrow();
        assertThat(wall.fragments().keySet()).containsExactly("stray", "doc", "header");
    }

    @Test
    void primaryFragmentNotFoundMakesThePageNotFoundWithTheOriginsMessage() {
        EntityExchangeResult<String> result = get("/admin/gone");
        assertThat(result.getStatus().value()).isEqualTo(404);
        assertThat(Jsoup.parse(result.getResponseBody()).select("[data-fragment=gone] .not-found").text()).isEqualTo("No such member");
    }

    @Test
    void primaryFailureWithNothingToShowAnswers503WithAFriendlyPage() {
        EntityExchangeResult<String> result = get("/admin/down");
        assertThat(result.getStatus().value()).isEqualTo(503);
        assertThat(result.getResponseHeaders().getFirst("Retry-After")).isEqualTo("5");
        Document page = Jsoup.parse(result.getResponseBody());
        assertThat(page.select("[data-fragment=nofallback]").attr("data-fragment-state")).isEqualTo("error");
        assertThat(page.select("[data-fragment=nofallback]").text()).contains("unavailable right now");
        assertThat(page.select("[data-fragment=header]").attr("data-fragment-state")).isEqualTo("ok");
        // Counted by status, since Spring's http.server.requests never sees a page.
        String metrics = ApiClients.prometheus(environment);
        assertThat(metrics).contains("mosaic_page_latency_seconds_count{page=\"/admin/down\",status=\"503\"}");
    }

    @Test
    void primaryFailureWithAFallbackKeepsThePageAt200() {
        assertThat(get("/admin/degraded").getStatus().value()).isEqualTo(200);
    }

    @Test
    void headAnswersLikeGetWithoutABody() {
        web.mutate().responseTimeout(Duration.ofSeconds(10)).build()
                .head().uri("/admin/all").exchange().expectStatus().isOk()
                .expectHeader().contentType("text/html;charset=UTF-8")
                // The body is composed and dropped before the headers leave, so they time every fragment, the hanging one too.
                .expectHeader().value("Server-Timing", timing -> assertThat(timing)
                        .contains("header;desc=ok").contains("hanging;desc=fallback").contains("nofallback;desc=error"))
                .expectBody().isEmpty();
        // The primary still decides the status.
        web.head().uri("/admin/gone").exchange().expectStatus().isNotFound().expectBody().isEmpty();
    }

    /** Every request that reaches WebFlux's filters, as "METHOD path". */
    static final Queue<String> FILTERED = new ConcurrentLinkedQueue<>();

    @TestConfiguration
    static class FilterWitness {
        @Bean
        WebFilter filterWitness() {
            return (exchange, chain) -> {
                FILTERED.add(exchange.getRequest().getMethod().name() + " " + exchange.getRequest().getPath().value());
                return chain.filter(exchange);
            };
        }
    }

    @Test
    void pagesAreAnsweredBeforeWebFluxAndEverythingElseThroughIt() {
        assertThat(get("/admin/wall").getStatus().value()).isEqualTo(200);
        web.head().uri("/admin/wall").exchange().expectStatus().isOk();
        web.post().uri("/admin/wall").exchange().expectStatus().isEqualTo(405);
        web.get().uri("/fragments/doc/assets/doc.css").exchange().expectStatus().isOk();
        web.get().uri("/admin/nope").exchange().expectStatus().isNotFound();
        // Neither the filters nor the security chains ever see a page's GET or HEAD: that stack cost more CPU than composing a stored page.
        assertThat(FILTERED).doesNotContain("GET /admin/wall", "HEAD /admin/wall")
                .contains("POST /admin/wall", "GET /fragments/doc/assets/doc.css", "GET /admin/nope");
    }

    @Autowired
    PageHandler pages;

    @Test
    void aPageThatFailsForAnythingButAFragmentAnswers500WithItsRequestId() {
        // A response that throws while the page is set up, then one whose write fails before the headers leave.
        for (boolean whileSettingUp : new boolean[] {true, false}) {
            MockServerHttpResponse mock = new MockServerHttpResponse();
            AtomicBoolean failed = new AtomicBoolean();
            ServerHttpResponse failing = new ServerHttpResponseDecorator(mock) {
                @Override
                public void beforeCommit(Supplier<? extends Mono<Void>> action) {
                    if (whileSettingUp && failed.compareAndSet(false, true)) {
                        throw new IllegalStateException("broken response");
                    }
                    super.beforeCommit(action);
                }

                @Override
                public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
                    if (!whileSettingUp && failed.compareAndSet(false, true)) {
                        return Mono.error(new IllegalStateException("broken write"));
                    }
                    return super.writeWith(body);
                }
            };
            ServerHttpRequest request = withoutServer(MockServerHttpRequest.get("/admin/wall").header("X-Request-Id", "failing-1").build());
            pages.apply((ignored, alsoIgnored) -> Mono.error(new AssertionError("a page never reaches WebFlux")))
                    .handle(request, failing).block(Duration.ofSeconds(10));
            assertThat(failed).isTrue();
            assertThat(mock.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
            assertThat(mock.getBodyAsString().block(Duration.ofSeconds(5))).isEqualTo("The page /admin/wall failed; request failing-1\n");
        }
    }

    /**
     * {@code mock} as a request of no server. Not a decorator, which the gateway looks through
     * for the connection's event loop, and a mock has none to give: it throws.
     */
    private static ServerHttpRequest withoutServer(MockServerHttpRequest mock) {
        return new ServerHttpRequest() {
            @Override public String getId() { return mock.getId(); }
            @Override public RequestPath getPath() { return mock.getPath(); }
            @Override public MultiValueMap<String, String> getQueryParams() { return mock.getQueryParams(); }
            @Override public MultiValueMap<String, HttpCookie> getCookies() { return mock.getCookies(); }
            @Override public HttpMethod getMethod() { return mock.getMethod(); }
            @Override public URI getURI() { return mock.getURI(); }
            @Override public Map<String, Object> getAttributes() { return mock.getAttributes(); }
            @Override public HttpHeaders getHeaders() { return mock.getHeaders(); }
            @Override public Flux<DataBuffer> getBody() { return mock.getBody(); }
        };
    }

    @Test
    void otherMethodsOnAPageAnswer405WithWhatItAllows() {
        web.post().uri("/admin/all").exchange().expectStatus().isEqualTo(405)
                .expectHeader().value("Allow", allow -> assertThat(allow).contains("GET").contains("HEAD"))
                .expectBody(String.class).isEqualTo("/admin/all is a page: it answers GET and HEAD, not POST\n");
        web.delete().uri("/admin/all").exchange().expectStatus().isEqualTo(405);
    }

    @Test
    void unknownPagesAnswer404() {
        web.get().uri("/admin/nope").exchange().expectStatus().isNotFound();
        // A browser gets a page that says what happened, not Spring's "Whitelabel Error Page".
        String html = web.get().uri("/admin/nope").accept(MediaType.TEXT_HTML).exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class).returnResult().getResponseBody();
        Document page = Jsoup.parse(html);
        assertThat(page.title()).isEqualTo("404 Not Found");
        assertThat(page.select("main.mosaic-error p").first().text()).isEqualTo("There is no page at /admin/nope.");
        assertThat(html).doesNotContain("Whitelabel");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
