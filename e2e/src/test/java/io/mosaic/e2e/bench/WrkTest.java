package io.mosaic.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrkTest {

    /** The template as the benchmark reads it (the tests run in e2e/). */
    private static final Path TEMPLATE = Path.of("bench/distinct-query.lua");

    @Test
    void commandHasAScriptOnlyWhenGivenOneBeforeTheUrl() {
        URI url = URI.create("http://127.0.0.1:8080/fast-distinct");

        assertThat(Wrk.command("wrk", url, Duration.ofSeconds(10), null))
                .containsExactly("wrk", "-t1", "-c32", "-d10s", "--latency", "http://127.0.0.1:8080/fast-distinct");
        assertThat(Wrk.command("wrk", url, Duration.ofSeconds(10), Path.of("/w/run.lua")))
                .containsExactly("wrk", "-t1", "-c32", "-d10s", "--latency", "-s", "/w/run.lua", "http://127.0.0.1:8080/fast-distinct");
    }

    @Test
    void scriptNamesTheParameterAndTheRunAndRefusesWhatWouldNotFitAUrl() {
        String script = Wrk.distinctQueryScript(TEMPLATE, "r", "fast-distinct-gateway");

        assertThat(script).contains("prefix = wrk.path .. \"?r=fast-distinct-gateway-t\" .. thread_number .. \"-\"")
                .doesNotContain("{{");
        assertThatThrownBy(() -> Wrk.distinctQueryScript(TEMPLATE, "r", "a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Wrk.distinctQueryScript(TEMPLATE, "r&x", "run")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRunWithUsersHasAThreadPerConnectionAndItsScriptTheCookie() {
        Wrk.Variation users = new Wrk.Variation("r", "user");
        URI url = URI.create("http://127.0.0.1:8080/fast-distinct-user");

        assertThat(users.threads()).isEqualTo(Options.WRK_CONNECTIONS);
        assertThat(new Wrk.Variation("r", null).threads()).isEqualTo(Options.WRK_THREADS);
        assertThat(Wrk.command("wrk", users.threads(), url, Duration.ofSeconds(10), Path.of("/w/run.lua")))
                .containsExactly("wrk", "-t32", "-c32", "-d10s", "--latency", "-s", "/w/run.lua", "http://127.0.0.1:8080/fast-distinct-user");
        assertThat(Wrk.distinctQueryScript(TEMPLATE, users, "run")).contains("local cookie = \"user\"");
        assertThat(Wrk.distinctQueryScript(TEMPLATE, "r", "run")).contains("local cookie = \"\"");
        assertThatThrownBy(() -> Wrk.distinctQueryScript(TEMPLATE, new Wrk.Variation("r", "us;er"), "run"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Wrk.Variation.of(new PageSpec("/p", "P", List.of()))).isNull();
        assertThat(Wrk.Variation.of(new PageSpec("/p", "P", List.of(), "r", "user"))).isEqualTo(users);
    }

    /** wrk itself with the script, against a server that records every request: each URL is new. */
    @Test
    void everyRequestOfARunHasItsOwnQuery(@TempDir Path dir) throws Exception {
        // Never skipped: without wrk this fails with its install command (.ci/run installs it).
        String binary = Wrk.binary();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestURI().toString());
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Path script = dir.resolve("run.lua");
            Files.writeString(script, Wrk.distinctQueryScript(TEMPLATE, "r", "test-run"));
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fast-distinct");
            Process wrk = new ProcessBuilder(Wrk.command(binary, url, Duration.ofSeconds(1), script))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("wrk.txt").toFile()).start();
            assertThat(wrk.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(wrk.exitValue()).as(Files.readString(dir.resolve("wrk.txt"))).isZero();
        } finally {
            server.stop(0);
        }

        List<String> urls;
        synchronized (seen) {
            urls = List.copyOf(seen);
        }
        assertThat(urls).hasSizeGreaterThan(Options.WRK_CONNECTIONS).doesNotHaveDuplicates()
                .allMatch(u -> u.matches("/fast-distinct\\?r=test-run-t1-[1-9][0-9]*"), "/fast-distinct?r=test-run-t1-N");
    }

    /** wrk with a user per connection: every connection sends one user's cookie on every request, and no two connections the same. */
    @Test
    void everyConnectionOfARunWithUsersIsOneUser(@TempDir Path dir) throws Exception {
        String binary = Wrk.binary();
        Map<Integer, Set<String>> cookiesByConnection = new ConcurrentHashMap<>();
        List<String> urls = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", exchange -> {
            urls.add(exchange.getRequestURI().toString());
            cookiesByConnection.computeIfAbsent(exchange.getRemoteAddress().getPort(), port -> ConcurrentHashMap.newKeySet())
                    .add(String.valueOf(exchange.getRequestHeaders().get("Cookie")));
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        Wrk.Variation users = new Wrk.Variation("r", "user");
        try {
            Path script = dir.resolve("run.lua");
            Files.writeString(script, Wrk.distinctQueryScript(TEMPLATE, users, "users"));
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fast-distinct-user");
            Process wrk = new ProcessBuilder(Wrk.command(binary, users.threads(), url, Duration.ofSeconds(1), script))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("wrk.txt").toFile()).start();
            assertThat(wrk.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(wrk.exitValue()).as(Files.readString(dir.resolve("wrk.txt"))).isZero();
        } finally {
            server.stop(0);
        }

        // A connection the server closed is opened again by the same thread, as the same user: more connections, never more users.
        assertThat(cookiesByConnection).hasSizeGreaterThanOrEqualTo(Options.WRK_CONNECTIONS);
        assertThat(cookiesByConnection.values()).allSatisfy(cookies -> assertThat(cookies).hasSize(1));
        Set<String> cookies = new HashSet<>();
        cookiesByConnection.values().forEach(cookies::addAll);
        assertThat(cookies).hasSize(Options.WRK_CONNECTIONS).allMatch(c -> c.matches("\\[user=u[1-9][0-9]*]"), "[user=uN]");
        synchronized (urls) {
            assertThat(urls).doesNotHaveDuplicates();
        }
    }
}
