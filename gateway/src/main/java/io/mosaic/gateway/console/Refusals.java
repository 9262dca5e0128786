package io.mosaic.gateway.console;

import io.mosaic.gateway.registry.RegistryException;
import io.mosaic.gateway.registry.api.Statuses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.ui.Model;

/** A refused console action as a page: the registry's refusal with the API's status for it, and its reason. */
final class Refusals {

    private Refusals() {
    }

    /** Sets the status (and {@code Retry-After} over the write limit) of {@code e} on {@code response}. */
    static void status(ServerHttpResponse response, RegistryException e) {
        response.setStatusCode(Statuses.of(e.refusal()));
        if (e.refusal() == RegistryException.Refusal.TOO_MANY) {
            response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
    }

    /** The refusal page of {@code e}. */
    static String page(ServerHttpResponse response, Model model, RegistryException e) {
        status(response, e);
        model.addAttribute("section", "fragments");
        model.addAttribute("status", Statuses.of(e.refusal()).value());
        model.addAttribute("message", e.getMessage());
        return "console/refused";
    }
}
