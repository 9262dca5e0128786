package io.mosaic.gateway.registry;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.mosaic.gateway.GatewayApplication;
import io.mosaic.gateway.support.PostgresServer;
import io.mosaic.gateway.support.TestOrigin;
import io.mosaic.gateway.support.Tokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two gateway instances sharing one registry in a real PostgreSQL server (Debian's, started by
 * the test on a private port and data directory), each polling at the default interval: a
 * fragment registered through one is on the other's pages within 2 s, two registrations racing
 * for an open slot's last place through both get exactly one of it, an admin's hold on a breaker
 * through one holds on the other, and a database outage leaves both serving their last good plan.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedRegistryTest {

    static final String TOKEN = "insights-token-0123456789";
    static final String ADMIN_TOKEN = "admin-token-0123456789";
    static final TestOrigin ORIGIN = new TestOrigin()
            .html("/header", "<header class=\"hdr\">Header</header>")
            .html("/status", "<section class=\"status-widget\">All systems go</section>");
    /** One client, so kept-alive connections, for every request of the test. */
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static final JsonMapper JSON = JsonMapper.builder().build();

    static PostgresServer postgres;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        Path manifest = Files.createTempFile("manifest", ".yaml");
        Files.writeString(manifest, """
                version: 1
                fragments:
                  - {name: header, team: platform, url: "%s/header"}
                pages:
                  - path: /admin
                    layout: dashboard
                    slots: {header: header, widgets: {open: true, max: 5}}
                """.formatted(ORIGIN.url("")));
        first = gateway(manifest);
        second = gateway(manifest);
    }

    static ConfigurableApplicationContext gateway(Path manifest) {
        return new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--manifest=" + manifest,
                "--mosaic.warm-up.rounds=0",
                "--spring.datasource.url=" + postgres.jdbcUrl(),
                "--spring.datasource.username=" + postgres.user(),
                "--mosaic.registry.teams.insights.token-sha256=" + Tokens.sha256(TOKEN),
                "--mosaic.registry.admin.token-sha256=" + Tokens.sha256(ADMIN_TOKEN),
                "--mosaic.registry.allowed-origins=" + ORIGIN.url(""));
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] {first, second}) {
            if (context != null) {
                context.close();
            }
        }
        if (postgres != null) {
            postgres.close();
        }
        ORIGIN.close();
    }

    static URI url(ConfigurableApplicationContext gateway, String path) {
        return URI.create("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port") + path);
    }

    /** The control origin's {@code path}: the registration API and the actuator. */
    static URI controlUrl(ConfigurableApplicationContext gateway, String path) {
        return URI.create("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.control.port") + path);
    }

    static HttpResponse<String> get(ConfigurableApplicationContext gateway, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url(gateway, path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String registryStatus(ConfigurableApplicationContext gateway) throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(controlUrl(gateway, "/actuator/health"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(health.body()).path("components").path("registry").path("status").asString();
    }

    static HttpResponse<String> register(ConfigurableApplicationContext gateway, String name) throws Exception {
        return register(gateway, name, TOKEN);
    }

    /** The number of free places of /admin's widgets slot, as {@code gateway} sees it. */
    static int freeWidgetPlaces(ConfigurableApplicationContext gateway) throws Exception {
        HttpResponse<String> pages = HTTP.send(HttpRequest.newBuilder(controlUrl(gateway, "/api/pages"))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        for (var slot : JSON.readTree(pages.body()).get(0).get("slots")) {
            if (slot.get("name").asString().equals("widgets")) {
                return slot.get("free").asInt();
            }
        }
        throw new AssertionError("no widgets slot in " + pages.body());
    }

    static HttpResponse<String> register(ConfigurableApplicationContext gateway, String name, String token) throws Exception {
        String body = """
                {"team": "insights", "url": "%s/status", "mount": [{"page": "/admin", "slot": "widgets", "order": 10}]}"""
                .formatted(ORIGIN.url(""));
        return HTTP.send(HttpRequest.newBuilder(controlUrl(gateway, "/api/fragments/" + name))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("If-None-Match", "*").header("X-Request-Id", "register-" + name)
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void aFragmentRegisteredThroughOneInstanceIsOnTheOthersPagesWithin2Seconds() throws Exception {
        assertThat(get(second, "/admin").body()).doesNotContain("All systems go");
        HttpResponse<String> created = register(first, "status");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long registered = System.nanoTime();
        String page = "";
        while (System.nanoTime() - registered < Duration.ofSeconds(5).toNanos() && !page.contains("All systems go")) {
            page = get(second, "/admin").body();
            Thread.sleep(25);
        }
        long millis = Duration.ofNanos(System.nanoTime() - registered).toMillis();
        System.out.println("registered through one instance, on the other's page after " + millis + " ms");
        assertThat(page).contains("data-fragment=\"status\"").contains("All systems go");
        assertThat(millis).as("time until the other instance served it").isLessThan(2000);
        // Both instances ran the same migrations on one database, and it survives the first's restart.
        assertThat(get(first, "/admin").body()).contains("All systems go");
    }

    @Test
    @Order(2)
    void whenTheDatabaseIsDownPagesKeepServingHealthSaysDownAndTheApiAnswers503() throws Exception {
        postgres.stopServer();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && !registryStatus(second).equals("DOWN")) {
                Thread.sleep(100);
            }
            assertThat(registryStatus(second)).isEqualTo("DOWN");
            HttpResponse<String> page = get(second, "/admin");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("All systems go");
            ListAppender<ILoggingEvent> log = new ListAppender<>();
            Logger api = (Logger) LoggerFactory.getLogger("io.mosaic.gateway.registry.api.FragmentApi");
            log.start();
            api.addAppender(log);
            HttpResponse<String> refused;
            try {
                refused = register(first, "while-down");
            } finally {
                api.detachAppender(log);
            }
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("cannot be reached");
            // The line says which call it was about.
            assertThat(log.list).singleElement().satisfies(line -> {
                assertThat(line.getFormattedMessage()).startsWith("registry PUT /api/fragments/while-down: the database cannot be reached");
                assertThat(line.getMDCPropertyMap()).containsEntry("requestId", "register-while-down")
                        .containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736");
            });
        } finally {
            postgres.startServer();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline && !registryStatus(second).equals("UP")) {
            Thread.sleep(100);
        }
        assertThat(registryStatus(second)).isEqualTo("UP");
        assertThat(List.of(register(first, "after-outage").statusCode())).containsExactly(201);
    }

    @Test
    @Order(3)
    void twoRegistrationsRacingForTheLastPlaceOfAnOpenSlotThroughTwoInstancesGetExactlyOneOfIt() throws Exception {
        int filler = 0;
        while (freeWidgetPlaces(first) > 1) {
            assertThat(register(first, "filler-" + filler++).statusCode()).isEqualTo(201);
        }
        assertThat(freeWidgetPlaces(first)).isEqualTo(1);
        java.util.concurrent.ExecutorService both = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.Future<HttpResponse<String>> a = both.submit(() -> {
                go.await();
                return register(first, "race-a");
            });
            java.util.concurrent.Future<HttpResponse<String>> b = both.submit(() -> {
                go.await();
                return register(second, "race-b");
            });
            go.countDown();
            List<HttpResponse<String>> answers = List.of(a.get(30, java.util.concurrent.TimeUnit.SECONDS),
                    b.get(30, java.util.concurrent.TimeUnit.SECONDS));
            assertThat(answers.stream().map(HttpResponse::statusCode).sorted().toList()).containsExactly(201, 400);
            HttpResponse<String> refused = answers.stream().filter(answer -> answer.statusCode() == 400).findFirst().orElseThrow();
            assertThat(refused.body()).contains("\"field\":\"mount[0].slot\"").contains("is full");
        } finally {
            both.shutdownNow();
        }
        // Whichever instance took the write applied it at once; the other sees it at its next polls.
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (System.nanoTime() < deadline && (freeWidgetPlaces(first) != 0 || freeWidgetPlaces(second) != 0)) {
            Thread.sleep(25);
        }
        assertThat(freeWidgetPlaces(first)).as("the first instance, within 2 s").isZero();
        assertThat(freeWidgetPlaces(second)).as("the second instance, within 2 s").isZero();
    }

    @Test
    @Order(4)
    void anAdminsHoldOnABreakerThroughOneInstanceHoldsOnTheOtherWithin2Seconds() throws Exception {
        HttpResponse<String> held = HTTP.send(HttpRequest.newBuilder(controlUrl(first, "/api/fragments/header/breaker"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"hold\": \"force-open\"}")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
        long since = System.nanoTime();
        String page = get(second, "/admin").body();
        while (System.nanoTime() - since < Duration.ofSeconds(5).toNanos() && !page.contains("data-fragment=\"header\" data-fragment-state=\"error\"")) {
            Thread.sleep(25);
            page = get(second, "/admin").body();
        }
        long millis = Duration.ofNanos(System.nanoTime() - since).toMillis();
        System.out.println("breaker held through one instance, held on the other after " + millis + " ms");
        assertThat(page).contains("data-fragment=\"header\" data-fragment-state=\"error\"");
        assertThat(millis).isLessThan(2000);
        // A team's token may not hold a breaker.
        assertThat(HTTP.send(HttpRequest.newBuilder(controlUrl(second, "/api/fragments/header/breaker"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"hold\": null}")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        HTTP.send(HttpRequest.newBuilder(controlUrl(second, "/api/fragments/header/breaker"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"hold\": null}")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
