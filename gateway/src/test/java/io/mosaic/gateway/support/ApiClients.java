package io.mosaic.gateway.support;

import java.time.Duration;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The WebTestClients the gateway's tests share. */
public final class ApiClients {

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
}
