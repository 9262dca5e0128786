package io.mosaic.fragments.contract;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /health}: {@code {"name":"members","team":"people","version":"2.3.1","status":"UP"}}.
 *
 * <p>A process that answers is up: these apps hold no connections or state that could be down
 * while the process still serves.
 */
final class HealthEndpoint {

    private HealthEndpoint() {
    }

    static RouterFunction<ServerResponse> routes(FragmentIdentity identity) {
        Health health = new Health(identity.name(), identity.team(), identity.version(), "UP");
        return RouterFunctions.route(GET("/health"),
                (request) -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(health));
    }

    record Health(String name, String team, String version, String status) {
    }

}
