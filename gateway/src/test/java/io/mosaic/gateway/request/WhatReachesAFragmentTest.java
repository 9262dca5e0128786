package io.mosaic.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.cache.FragmentCache;
import io.mosaic.gateway.support.TestOrigin;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What of the browser's request reaches a fragment, seen at a real origin that records every
 * request: queries exactly as browsers send them (raw sockets, since an HTTP client would encode
 * them first), each fragment's declared query parameters, headers and cookies, and nothing else;
 * and a flood of distinct queries, which must not cost another fragment its last good copy.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WhatReachesAFragmentTest {

    static final TestOrigin ORIGIN = new TestOrigin();

    static {
        for (String name : List.of("all", "fixed", "none", "some", "creds")) {
            ORIGIN.html("/" + name, "<p class=\"" + name + "\">" + name + "</p>");
        }
        ORIGIN.html("/flooded", "<p>" + "x".repeat(2_000) + "</p>");
        ORIGIN.html("/steady", "<p class=steady>steady</p>");
    }

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                defaults:
                  timeout: 2s
                fragments:
                  - {name: all, team: t, url: "%1$s/all"}
                  - {name: fixed, team: t, url: "%1$s/fixed?view=compact&lang=en"}
                  - {name: none, team: t, url: "%1$s/none", forward: {query: none}}
                  - {name: some, team: t, url: "%1$s/some", forward: {query: [page, "ids[]"]}}
                  - {name: creds, team: t, url: "%1$s/creds", forward: {headers: [X-Forwarded-User], cookies: [session]}}
                  - {name: flooded, team: t, url: "%1$s/flooded"}
                  - {name: steady, team: t, url: "%1$s/steady", forward: {query: none}}
                pages:
                  - {path: /q, layout: admin, slots: {main: [all, fixed, none, some, creds]}}
                  - {path: /flood, layout: admin, slots: {main: [flooded, steady]}}
                """.formatted(ORIGIN.url("")));
        registry.add("mosaic.manifest", file::toString);
        registry.add("mosaic.warm-up.rounds", () -> "0");
        // Room for about 40 copies of the flooded fragment: far fewer than the flood's distinct queries.
        registry.add("mosaic.fragment-cache.max-bytes", () -> "262144");
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    FragmentCache stale;

    /** An answer read off the socket: status code, headers and body as text. */
    record Answer(int status, String head, String body) {
    }

    /** Sends {@code target} byte for byte, as a browser's request line, with {@code headers}. */
    private Answer send(byte[] target, String requestId, String... headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET ".getBytes(StandardCharsets.US_ASCII));
            out.write(target);
            StringBuilder head = new StringBuilder(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nX-Request-Id: " + requestId + "\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            String answerHead = split < 0 ? text : text.substring(0, split);
            String body = split < 0 ? "" : text.substring(split + 4);
            return new Answer(Integer.parseInt(answerHead.substring(9, 12)), answerHead, body);
        }
    }

    private Answer send(String target, String requestId, String... headers) throws IOException {
        return send(target.getBytes(StandardCharsets.ISO_8859_1), requestId, headers);
    }

    /** The request {@code path} of the origin got for the page request {@code requestId}. */
    private static TestOrigin.Seen seen(String path, String requestId) {
        return ORIGIN.seen().stream().filter(s -> s.path().equals(path) && requestId.equals(s.header("X-Request-Id")))
                .findFirst().orElseThrow(() -> new AssertionError(path + " was not called for " + requestId));
    }

    private static String decoded(String rawQuery) {
        return rawQuery == null ? null : URLDecoder.decode(rawQuery, StandardCharsets.UTF_8);
    }

    private static String state(Answer answer, String fragment) {
        Document page = Jsoup.parse(answer.body());
        return page.select("[data-fragment=" + fragment + "]").attr("data-fragment-state");
    }

    @Test
    void everyQueryABrowserSendsUnencodedComposesThePageAndReachesTheFragmentAsMeant() throws Exception {
        for (String query : List.of("ids[]=1", "q=a|b", "q={x}", "q=a^b", "q=a`b", "q=\"x\"<y>", "q=a\\b")) {
            String id = UUID.randomUUID().toString().replace("-", "");
            Answer answer = send("/q?" + query, id);
            assertThat(answer.status()).as("status for %s: %s", query, answer.body()).isEqualTo(200);
            assertThat(state(answer, "all")).as(query).isEqualTo("ok");
            assertThat(decoded(seen("/all", id).query())).as(query).isEqualTo(query);
        }
    }

    @Test
    void rawUtf8BytesInTheQueryReachTheFragmentAsTheSameBytes() throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        byte[] target = "/q?q=café&name=Zoë Ünal".replace(" ", "+").getBytes(StandardCharsets.UTF_8);
        Answer answer = send(target, id);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(state(answer, "all")).isEqualTo("ok");
        assertThat(seen("/all", id).query()).isEqualTo("q=caf%C3%A9&name=Zo%C3%AB+%C3%9Cnal");
        assertThat(decoded(seen("/all", id).query())).isEqualTo("q=café&name=Zoë Ünal");
    }

    @Test
    void aBrokenPercentEscapeIsRefusedWithA400ThatSaysWhy() throws Exception {
        int calls = ORIGIN.calls();
        for (String target : List.of("/q?q=%zz", "/q?q=100%", "/q?a=1&b=%4")) {
            Answer answer = send(target, "bad1");
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.head()).containsIgnoringCase("Content-Type: text/plain");
            assertThat(answer.body()).as(target).contains("bad percent-encoding in the query").contains("%25");
        }
        assertThat(ORIGIN.calls()).as("no fragment fetched for a refused request").isEqualTo(calls);
    }

    @Test
    void eachFragmentGetsTheQueryParametersItDeclaresAndItsOwnFixedQueryWins() throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        Answer answer = send("/q?page=2&view=full&ids[]=7&lang=de&secret=x", id);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(decoded(seen("/all", id).query())).isEqualTo("page=2&view=full&ids[]=7&lang=de&secret=x");
        assertThat(decoded(seen("/fixed", id).query())).isEqualTo("view=compact&lang=en&page=2&ids[]=7&secret=x");
        assertThat(seen("/none", id).query()).isNull();
        assertThat(decoded(seen("/some", id).query())).isEqualTo("page=2&ids[]=7");
    }

    @Test
    void aFloodOfDistinctQueriesOnOneFragmentCannotFlushAnotherFragmentsLastGoodCopy() throws Exception {
        HttpClient browser = HttpClient.newHttpClient();
        Function<String, HttpResponse<String>> get = target -> {
            try {
                return browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + target)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        };
        assertThat(get.apply("/flood").statusCode()).isEqualTo(200);
        ExecutorService browsers = Executors.newFixedThreadPool(8);
        List<Future<Integer>> flood = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String target = "/flood?q=" + i;
            flood.add(browsers.submit(() -> get.apply(target).statusCode()));
        }
        for (Future<Integer> status : flood) {
            assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
        }
        browsers.shutdown();
        assertThat(stale.variants("flooded")).isLessThanOrEqualTo(64);

        ORIGIN.on("/steady", exchange -> TestOrigin.send(exchange, 500, "text/html", "<h1>down</h1>"));
        try {
            Document page = Jsoup.parse(get.apply("/flood?q=new").body());
            assertThat(page.select("[data-fragment=steady]").attr("data-fragment-state")).isEqualTo("stale");
            assertThat(page.select("[data-fragment=steady] .steady").text()).isEqualTo("steady");
        } finally {
            ORIGIN.html("/steady", "<p class=steady>steady</p>");
        }
    }

    @Test
    void onlyTheAllowListAndWhatAFragmentDeclaresReachItsOrigin() throws Exception {
        String id = UUID.randomUUID().toString().replace("-", "");
        Answer answer = send("/q", id,
                "Accept-Language: de-CH",
                "X-Auth-Request-Access-Token: sso-token",
                "X-Forwarded-User: alice",
                "Authorization: Bearer browser-token",
                "Cookie: other=1; session=abc123; tracking=xyz",
                "X-Custom: anything");
        assertThat(answer.status()).isEqualTo(200);

        TestOrigin.Seen all = seen("/all", id);
        assertThat(all.header("Accept-Language")).isEqualTo("de-CH");
        assertThat(all.headers().keySet()).map(String::toLowerCase)
                .doesNotContain("x-auth-request-access-token", "x-forwarded-user", "authorization", "cookie", "x-custom");

        TestOrigin.Seen creds = seen("/creds", id);
        assertThat(creds.header("X-Forwarded-User")).isEqualTo("alice");
        assertThat(creds.header("Cookie")).isEqualTo("session=abc123");
        assertThat(creds.header("Accept-Language")).isEqualTo("de-CH");
        assertThat(creds.headers().keySet()).map(String::toLowerCase)
                .doesNotContain("x-auth-request-access-token", "authorization", "x-custom");
    }
}
