package io.mosaic.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import io.mosaic.gateway.support.TestOrigin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * No answer crosses users: neither a shared fetch nor the store hands one user's answer to a
 * request whose forwarded cookies or credential headers differ, unless the answer says
 * {@code public}. Against a real origin that answers each user with their own content and
 * records what it received.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnswersNeverCrossUsersTest {

    static final TestOrigin ORIGIN = new TestOrigin();
    /** Paths whose origin answers 500 from now on. */
    static final Set<String> FAILING = ConcurrentHashMap.newKeySet();
    /** How long the origin takes to answer a user: long enough for a second user to come while it works. */
    static final long SLOW_MILLIS = 1_500;

    static {
        signedInPrivately("/users-public", "public, max-age=1");
        signedInPrivately("/users-no-cache", "no-cache");
        ORIGIN.on("/mine", exchange -> {
            sleep(SLOW_MILLIS);
            exchange.getResponseHeaders().set("Cache-Control", "private");
            TestOrigin.send(exchange, 200, "text/html", "<p class=answer>mine for " + exchange.getRequestHeaders().getFirst("Cookie") + "</p>");
        });
        lastGood("/sie-cookie", "Cookie");
        lastGood("/sie-user", "X-Forwarded-User");
    }

    /**
     * The origin: the anonymous request gets a storable answer with {@code anonymous},
     * a signed-in user, slowly, a {@code private} one naming the cookie it received.
     */
    static void signedInPrivately(String path, String anonymous) {
        ORIGIN.on(path, exchange -> {
            String cookie = exchange.getRequestHeaders().getFirst("Cookie");
            if (cookie == null) {
                exchange.getResponseHeaders().set("Cache-Control", anonymous);
                TestOrigin.send(exchange, 200, "text/html", "<p class=answer>anonymous</p>");
                return;
            }
            sleep(SLOW_MILLIS);
            exchange.getResponseHeaders().set("Cache-Control", "private");
            TestOrigin.send(exchange, 200, "text/html", "<p class=answer>private to " + cookie + "</p>");
        });
    }

    /** An origin whose answers may stand in for a failed fetch for a minute, naming the user's {@code header}. */
    static void lastGood(String path, String header) {
        ORIGIN.on(path, exchange -> answerLastGood(exchange, path, header));
    }

    static void answerLastGood(HttpExchange exchange, String path, String header) throws IOException {
        if (FAILING.contains(path)) {
            TestOrigin.send(exchange, 500, "text/plain", "down");
            return;
        }
        exchange.getResponseHeaders().set("Cache-Control", "max-age=1, stale-if-error=60");
        TestOrigin.send(exchange, 200, "text/html",
                "<p class=answer>last good for " + exchange.getRequestHeaders().getFirst(header) + "</p>");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        String manifest = """
                version: 1
                fragments:
                  - {name: users-public, team: t, url: "%1$s/users-public", timeout: 10s, forward: {cookies: [sid]}}
                  - {name: users-no-cache, team: t, url: "%1$s/users-no-cache", timeout: 10s, forward: {cookies: [sid]}}
                  - {name: mine, team: t, url: "%1$s/mine", timeout: 10s, forward: {cookies: [sid]}}
                  - {name: sie-cookie, team: t, url: "%1$s/sie-cookie", forward: {cookies: [sid]}, fallback: "<p>fallback</p>"}
                  - {name: sie-user, team: t, url: "%1$s/sie-user", forward: {headers: [X-Forwarded-User]}, fallback: "<p>fallback</p>"}
                pages:
                  - {path: /users-public, layout: admin, slots: {main: users-public}}
                  - {path: /users-no-cache, layout: admin, slots: {main: users-no-cache}}
                  - {path: /mine, layout: admin, slots: {main: mine}}
                  - {path: /sie-cookie, layout: admin, slots: {main: sie-cookie}}
                  - {path: /sie-user, layout: admin, slots: {main: sie-user}}
                """.formatted("http://127.0.0.1:" + ORIGIN.port());
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, manifest);
        registry.add("mosaic.manifest", file::toString);
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    /** The page at {@code path}, requested now with these header names and values. */
    CompletableFuture<HttpResponse<String>> page(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Element box(CompletableFuture<HttpResponse<String>> page, String fragment) {
        HttpResponse<String> response = page.join();
        assertThat(response.statusCode()).isEqualTo(200);
        Element box = Jsoup.parse(response.body()).selectFirst("[data-fragment=" + fragment + "]");
        assertThat(box).as("the box of %s", fragment).isNotNull();
        return box;
    }

    List<String> seen(String path, String header) {
        return ORIGIN.seen().stream().filter(seen -> seen.path().equals(path)).map(seen -> seen.header(header)).toList();
    }

    /**
     * The repro: an anonymous page teaches the gateway a key without a cookie in it; then
     * Alice's slow private fetch is under way when Bob comes. Bob must get his own answer.
     */
    void aSecondUserNeverGetsTheFirstUsersPrivateAnswer(String fragment, boolean waitUntilStale) throws Exception {
        assertThat(box(page("/" + fragment), fragment).text()).isEqualTo("anonymous");
        if (waitUntilStale) {
            Thread.sleep(1_200);
        }
        CompletableFuture<HttpResponse<String>> alice = page("/" + fragment, "Cookie", "sid=alice");
        Thread.sleep(300);
        CompletableFuture<HttpResponse<String>> bob = page("/" + fragment, "Cookie", "sid=bob");
        assertThat(box(bob, fragment).text()).isEqualTo("private to sid=bob").doesNotContain("alice");
        assertThat(box(alice, fragment).text()).isEqualTo("private to sid=alice");
        assertThat(seen("/" + fragment, "Cookie")).as("what the origin received").contains("sid=alice", "sid=bob");
    }

    @Test
    void aSecondUserNeverJoinsTheFirstUsersFetchAfterAPublicAnonymousAnswer() throws Exception {
        aSecondUserNeverGetsTheFirstUsersPrivateAnswer("users-public", true);
    }

    @Test
    void aSecondUserNeverJoinsTheFirstUsersFetchAfterANoCacheAnonymousAnswer() throws Exception {
        aSecondUserNeverGetsTheFirstUsersPrivateAnswer("users-no-cache", false);
    }

    @Test
    void identicalRequestsOfOneUserShareOneFetchWhateverTheirRequestIdsAndTraces() {
        List<CompletableFuture<HttpResponse<String>>> carol = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            carol.add(page("/mine", "Cookie", "sid=carol", "X-Request-Id", "carol-" + i,
                    "traceparent", "00-%032x-%016x-01".formatted(i + 1, i + 1)));
        }
        CompletableFuture<HttpResponse<String>> dave = page("/mine", "Cookie", "sid=dave", "X-Request-Id", "dave");
        for (CompletableFuture<HttpResponse<String>> page : carol) {
            assertThat(box(page, "mine").text()).isEqualTo("mine for sid=carol");
        }
        assertThat(box(dave, "mine").text()).isEqualTo("mine for sid=dave");
        assertThat(seen("/mine", "Cookie")).as("one call for Carol's four pages, one for Dave's")
                .containsExactlyInAnyOrder("sid=carol", "sid=dave");
    }

    /**
     * A user's last good copy stands in for a failed fetch for that user only: another user gets
     * the fallback. Once with a forwarded cookie, once with a declared identity header.
     */
    void aLastGoodCopyStandsInOnlyForItsUser(String fragment, String header, String alice, String bob) {
        String path = "/" + fragment;
        assertThat(box(page(path, header, alice), fragment).text()).isEqualTo("last good for " + alice);
        FAILING.add(path);
        try {
            Element bobs = box(page(path, header, bob), fragment);
            assertThat(bobs.attr("data-fragment-state")).isEqualTo("fallback");
            assertThat(bobs.text()).isEqualTo("fallback");
            Element alices = box(page(path, header, alice), fragment);
            assertThat(alices.attr("data-fragment-state")).isEqualTo("stale");
            assertThat(alices.text()).isEqualTo("last good for " + alice);
        } finally {
            FAILING.remove(path);
        }
    }

    @Test
    void aLastGoodCopyFetchedWithACookieStandsInOnlyForThatCookie() {
        aLastGoodCopyStandsInOnlyForItsUser("sie-cookie", "Cookie", "sid=alice", "sid=bob");
    }

    @Test
    void aLastGoodCopyFetchedWithAnIdentityHeaderStandsInOnlyForThatUser() {
        aLastGoodCopyStandsInOnlyForItsUser("sie-user", "X-Forwarded-User", "alice", "bob");
    }
}
