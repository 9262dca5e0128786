package io.mosaic.fragments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

/**
 * Starts each fragment the way {@code java -jar fragments.jar NAME} does, on a free port, and
 * checks what only a whole app shows: its own identity from the demo's table, its own static
 * folder, nothing of the others.
 */
class EveryFragmentStartsAloneTests {

    /** Each fragment's root class: the prefix of every selector in its stylesheet. */
    static final Map<FragmentApp, String> ROOT_CLASSES = Map.of(
            FragmentApp.NAV, "platform-nav",
            FragmentApp.MEMBERS, "people-members",
            FragmentApp.ORG_TREE, "people-org-tree",
            FragmentApp.SECURITY, "security-settings",
            FragmentApp.AUDIT, "security-audit",
            FragmentApp.BILLING, "billing-summary",
            FragmentApp.SERVICE_STATUS, "insights-service-status");

    /**
     * The client's own event loop, apart from Reactor Netty's global resources: each app below
     * disposes those when its context closes, and a client sharing them could land on a loop that
     * is shutting down.
     */
    private static final LoopResources CLIENT_LOOP = LoopResources.create("test-client", 1, true);

    @AfterAll
    static void disposeClientLoop() {
        CLIENT_LOOP.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
    }

    @ParameterizedTest
    @EnumSource(FragmentApp.class)
    void startsWithItsOwnIdentityFragmentAndAssetsOnly(FragmentApp app) {
        String name = app.fragmentName();
        try (ConfigurableApplicationContext context = FragmentLauncher.application(app).run("--server.port=0")) {
            HttpClient http = HttpClient.create(ConnectionProvider.newConnection()).runOn(CLIENT_LOOP);
            WebTestClient client = WebTestClient.bindToServer(new ReactorClientHttpConnector(http))
                .responseTimeout(Duration.ofSeconds(30))
                .baseUrl("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"))
                .build();

            String version = client.get().uri("/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo(name)
                .jsonPath("$.status").isEqualTo("UP")
                .returnResult()
                .getResponseHeaders()
                .getFirst("X-Fragment-Version");
            assertThat(version).isEqualTo(DemoTable.version(name));
            assertThat(context.getEnvironment().getProperty("fragment.team")).isEqualTo(DemoTable.team(name));

            String html = client.get().uri("/fragment").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("text/html;charset=UTF-8")
                .expectHeader().valueEquals("X-Fragment-Version", version)
                .expectBody(String.class).returnResult().getResponseBody();
            assertThat(html).doesNotContainIgnoringCase("<html").doesNotContainIgnoringCase("<body");
            Element root = Jsoup.parseBodyFragment(html).body().child(0);
            assertThat(root.hasClass(ROOT_CLASSES.get(app))).as(root.className()).isTrue();
            assertThat(root.attr("data-version")).isEqualTo(version);

            client.get().uri("/assets/" + name + ".css").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.valueOf("text/css"))
                .expectHeader().valueEquals("X-Fragment-Version", version);
            for (FragmentApp other : FragmentApp.values()) {
                if (other != app) {
                    client.get().uri("/assets/" + other.fragmentName() + ".css").exchange().expectStatus().isNotFound();
                }
            }
            client.get().uri("/assets/../" + (app == FragmentApp.NAV ? "members/members" : "nav/nav") + ".css").exchange()
                .expectStatus().isNotFound();
            client.get().uri("/" + name + ".css").exchange().expectStatus().isNotFound();
        }
    }

}
