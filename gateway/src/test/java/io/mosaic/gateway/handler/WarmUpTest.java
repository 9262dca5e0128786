package io.mosaic.gateway.handler;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.HostileOrigin;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway composes every page on start, before it reports itself ready; counted at the origin
 * before the test sends a single request.
 */
class WarmUpTest {

    static final HostileOrigin ORIGIN = new HostileOrigin();
    // Each nested class has a context of its own and its own fragments: their counts never mix.
    /** Fails the first fragment's origin once the test says so. */
    static volatile boolean aDown;

    static {
        ORIGIN.on("/a", (socket, out) -> (aDown ? HostileOrigin.status(500) : HostileOrigin.html("<p class=a>A</p>")).serve(socket, out));
        ORIGIN.on("/b", HostileOrigin.html("<p class=b>B</p>"));
        ORIGIN.on("/c", HostileOrigin.html("<p class=c>C</p>"));
        ORIGIN.on("/d", HostileOrigin.html("<p class=d>D</p>"));
        ORIGIN.on("/hang", ORIGIN.hangBeforeHeaders());
    }

    @AfterAll
    static void stop() {
        ORIGIN.close();
    }

    static Path manifest(String pages) throws Exception {
        Path file = Files.createTempFile("manifest", ".yaml");
        Files.writeString(file, """
                version: 1
                fragments:
                  - {name: a, team: t, url: "%1$s/a", fallback: <p class=fb>a is away</p>}
                  - {name: b, team: t, url: "%1$s/b"}
                  - {name: c, team: t, url: "%1$s/c"}
                  - {name: d, team: t, url: "%1$s/d"}
                  - {name: hang, team: t, url: "%1$s/hang", timeout: 10s}
                pages:
                """.formatted(ORIGIN.url("")) + pages);
        return file;
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "mosaic.warm-up.rounds=2")
    @AutoConfigureWebTestClient
    class EveryPageTwice {

        @DynamicPropertySource
        static void manifest(DynamicPropertyRegistry registry) throws Exception {
            Path file = WarmUpTest.manifest("""
                      - {path: /one, layout: admin, slots: {main: [a, b]}}
                      - {path: /two, layout: admin, slots: {main: a}}
                    """);
            registry.add("mosaic.manifest", file::toString);
        }

        @Autowired
        WebTestClient web;

        @Autowired
        Environment environment;

        /** The control origin: the actuator, the registration API, the console. */
        WebTestClient control() {
            return ApiClients.control(environment);
        }
        @Autowired
        PlanHolder plans;

        @Test
        void composedEveryPageBeforeTheFirstRequestAndIsReady() {
            // Read before any request of this test: only the warm-up can have called them.
            assertThat(ORIGIN.calls("/a")).isEqualTo(4);
            assertThat(ORIGIN.calls("/b")).isEqualTo(2);
            assertThat(ORIGIN.calls("/c")).as("on no page").isZero();
            control().get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.status").isEqualTo("UP");
            // Real fetches: the breaker saw them, and the first user after an origin fails gets the warm-up's copy.
            assertThat(plans.current().fragments().get("a").breaker().getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(4);
            aDown = true;
            String html = web.get().uri("/two").exchange().expectStatus().isOk().expectBody(String.class)
                    .returnResult().getResponseBody();
            assertThat(Jsoup.parse(html).select("[data-fragment=a]").attr("data-fragment-state")).isEqualTo("stale");
            assertThat(html).contains("<p class=\"a\">A</p>");
        }

        @Autowired
        ApplicationContext context;

        @Test
        void healthAnswers503WhileTheGatewayRefusesTraffic() {
            AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
            try {
                control().get().uri("/actuator/health").exchange().expectStatus().isEqualTo(503)
                        .expectBody().jsonPath("$.status").isEqualTo("OUT_OF_SERVICE");
                control().get().uri("/actuator/health/readiness").exchange().expectStatus().isEqualTo(503);
                control().get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
            } finally {
                AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
            }
            control().get().uri("/actuator/health").exchange().expectStatus().isOk();
        }
    }

    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
            properties = {"mosaic.warm-up.rounds=3", "mosaic.warm-up.max-time=1s"})
    class BoundedInTime {

        @DynamicPropertySource
        static void manifest(DynamicPropertyRegistry registry) throws Exception {
            Path file = WarmUpTest.manifest("""
                      - {path: /first, layout: admin, slots: {main: d}}
                      - {path: /stuck, layout: admin, slots: {main: hang}}
                    """);
            registry.add("mosaic.manifest", file::toString);
        }

        @Test
        void givesUpAtItsMaxTimeAndStartsAnyway() {
            // /first once, then /stuck outlasts the 1 s budget (its fragment's deadline is 10 s): no second round.
            assertThat(ORIGIN.calls("/d")).isEqualTo(1);
            assertThat(ORIGIN.calls("/hang")).isEqualTo(1);
        }
    }
}
