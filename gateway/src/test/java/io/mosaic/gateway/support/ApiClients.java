package io.mosaic.gateway.support;

import java.time.Duration;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The WebTestClient the registry's API tests share. */
public final class ApiClients {

    private ApiClients() {
    }

    /** Patient: a shared 2-core machine under a full build can take more than the default 5 s. */
    public static WebTestClient patient(WebTestClient client) {
        return client.mutate().responseTimeout(Duration.ofSeconds(20)).build();
    }
}
