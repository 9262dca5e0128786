package io.mosaic.gateway.origin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mosaic.gateway.support.ApiClients;
import io.mosaic.gateway.support.TestOrigin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * DNS rebinding against the real gateway: a name that resolved to a public address when it was
 * registered, and resolves to loopback when the gateway connects, is refused at connect time, for
 * page fetches and proxied calls alike; the origin on loopback is never called. The fragments here
 * stand for registered ones: the test trusts none of the manifest's origins.
 * {@link OriginAllowedTest} makes the same calls with the origins allowed, and they arrive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class OriginRebindingTest {

    static final TestOrigin ORIGIN = new TestOrigin()
            .html("/rebound", "<p class=\"internal\">Internal service</p>")
            .html("/literal", "<p class=\"internal\">Internal service</p>")
            .html("/api/items", "[\"internal\"]")
            .html("/internal/items", "[\"internal\"]");
    static final RebindingDns DNS = new RebindingDns();

    @TestConfiguration(proxyBeanMethods = false)
    static class RegisteredFragments {

        @Bean
        @Primary
        HostResolver rebindingDns() {
            return DNS;
        }

        /** The manifest's fragments stand for registered ones here: none is trusted. */
        @Bean
        @Primary
        TrustedOrigins noTrustedOrigins() {
            return Set::of;
        }
    }

    @DynamicPropertySource
    static void manifest(DynamicPropertyRegistry registry) {
        registry.add("mosaic.manifest", () -> RebindingManifest.write(ORIGIN.port()));
    }

    @AfterAll
    static void stopOrigin() {
        ORIGIN.close();
    }

    @Autowired
    WebTestClient web;

    @Autowired
    Environment environment;

    @Autowired
    OriginPolicy policy;

    @Test
    void pageFetchOfANameRepointedAtLoopbackAfterRegistrationServesTheFallbackWithoutCallingTheOrigin() {
        URI url = URI.create("http://page.rebind.test:" + ORIGIN.port() + "/rebound");
        DNS.answer("page.rebind.test", RebindingDns.PUBLIC);
        assertThat(policy.refusal(url)).as("write time: the name resolves to a public address").isEmpty();
        DNS.answer("page.rebind.test", RebindingDns.LOOPBACK);

        Document page = page("rebound");

        assertThat(page.select("[data-fragment=rebound]").attr("data-fragment-state")).isEqualTo("fallback");
        assertThat(page.select("[data-fragment=rebound] .fb").text()).isEqualTo("Rebound fallback");
        assertThat(page.select("[data-fragment=rebound] .internal")).isEmpty();
        assertThat(calls("/rebound")).as("calls that reached the origin").isZero();
        assertThat(metrics()).contains("fragment=\"rebound\",outcome=\"fallback\",reason=\"origin refused\"");
    }

    @Test
    void pageFetchOfAnIpLiteralOnLoopbackIsRefusedAtConnectTimeThoughNothingIsResolved() {
        Document page = page("literal");

        assertThat(page.select("[data-fragment=literal]").attr("data-fragment-state")).isEqualTo("fallback");
        assertThat(page.select("[data-fragment=literal] .fb").text()).isEqualTo("Literal fallback");
        assertThat(calls("/literal")).as("calls that reached the origin").isZero();
        assertThat(metrics()).contains("fragment=\"literal\",outcome=\"fallback\",reason=\"origin refused\"");
    }

    @Test
    void refusalsDoNotOpenTheFragmentsBreakerSinceTheOriginWasNeverCalled() {
        for (int i = 0; i < 8; i++) {
            page("literal");
        }

        assertThat(page("literal").select("[data-fragment=literal]").attr("data-fragment-state")).isEqualTo("fallback");
        assertThat(metrics()).contains("fragment=\"literal\",outcome=\"fallback\",reason=\"origin refused\"")
                .doesNotContain("fragment=\"literal\",outcome=\"fallback\",reason=\"breaker open\"")
                .contains("mosaic_fragment_breaker_state{fragment=\"literal\"} 0.0");
    }

    @Test
    void proxiedCallToANameRepointedAtLoopbackAnswers502WithoutCallingTheOrigin() {
        URI url = URI.create("http://api.rebind.test:" + ORIGIN.port() + "/api/items");
        DNS.answer("api.rebind.test", RebindingDns.PUBLIC);
        assertThat(policy.refusal(url)).as("write time: the name resolves to a public address").isEmpty();
        DNS.answer("api.rebind.test", RebindingDns.LOOPBACK);

        EntityExchangeResult<String> result = web.get().uri("/fragments/rebound-api/api/items").exchange()
                .expectBody(String.class).returnResult();

        assertThat(result.getStatus().value()).isEqualTo(502);
        assertThat(result.getResponseHeaders().getContentType().toString()).startsWith("text/plain");
        assertThat(result.getResponseBody()).contains("fragment rebound-api: origin refused").doesNotContain("127.0.0.1");
        assertThat(calls("/api/items")).as("calls that reached the origin").isZero();
    }

    @Test
    void proxiedCallToAnIpLiteralOnLoopbackAnswers502WithoutCallingTheOrigin() {
        EntityExchangeResult<String> result = web.get().uri("/fragments/literal/internal/items").exchange()
                .expectBody(String.class).returnResult();

        assertThat(result.getStatus().value()).isEqualTo(502);
        assertThat(result.getResponseBody()).contains("fragment literal: origin refused");
        assertThat(calls("/internal/items")).as("calls that reached the origin").isZero();
    }

    /** The page of one fragment, so that one test's failures never reach another's breaker. */
    private Document page(String fragment) {
        EntityExchangeResult<String> result = web.mutate().responseTimeout(Duration.ofSeconds(10)).build()
                .get().uri("/admin/" + fragment).exchange().expectBody(String.class).returnResult();
        assertThat(result.getStatus().value()).isEqualTo(200);
        return Jsoup.parse(result.getResponseBody());
    }

    private static long calls(String path) {
        return ORIGIN.seen().stream().filter(seen -> seen.path().equals(path)).count();
    }

    private String metrics() {
        return ApiClients.prometheus(environment);
    }

    /** The manifest both tests run: fragments on a rebinding name and on a loopback literal, all on {@code port}. */
    static final class RebindingManifest {

        static String write(int port) {
            try {
                return Files.writeString(Files.createTempFile("manifest", ".yaml"), """
                    version: 1
                    defaults:
                      timeout: 2s
                    fragments:
                      - name: rebound
                        team: people
                        url: "http://page.rebind.test:%1$d/rebound"
                        fallback: "<p class=\\"fb\\">Rebound fallback</p>"
                      - name: rebound-api
                        team: people
                        url: "http://api.rebind.test:%1$d/rebound-api"
                        proxy: [/api]
                      - name: literal
                        team: people
                        url: "http://127.0.0.1:%1$d/literal"
                        fallback: "<p class=\\"fb\\">Literal fallback</p>"
                        proxy: [/internal]
                    pages:
                      - path: /admin/rebind
                        layout: admin
                        slots:
                          main: [rebound, literal]
                      - {path: /admin/rebound, layout: admin, slots: {main: rebound}}
                      - {path: /admin/literal, layout: admin, slots: {main: literal}}
                    """.formatted(port)).toString();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
