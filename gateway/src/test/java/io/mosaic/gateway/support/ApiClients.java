package io.mosaic.gateway.support;

import java.time.Duration;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The WebTestClients the gateway's tests share. */
public final class ApiClients {

    /** The metrics scraper's token of every test context ({@code config/application.properties} has its hash). */
    public static final String METRICS_TOKEN = "test-metrics-token";

    private ApiClients() {
    }

    /** Patient: a shared 2-core machine under a full build can take more than the default 5 s. */
    public static WebTestClient patient(WebTestClient client) {
        return client.mutate().responseTimeout(Duration.ofSeconds(20)).build();
    }

    /**
     * A patient client of the control origin (the console, the registration API, the actuator),
     * on the port the gateway published as {@code local.control.port}.
     */
    public static WebTestClient control(Environment environment) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + environment.getRequiredProperty("local.control.port"))
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    /** {@code /actuator/prometheus} as Prometheus scrapes it, with the metrics token: the text, after a 200. */
    public static String prometheus(Environment environment) {
        return control(environment).get().uri("/actuator/prometheus").header("Authorization", "Bearer " + METRICS_TOKEN)
                .exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }
}
