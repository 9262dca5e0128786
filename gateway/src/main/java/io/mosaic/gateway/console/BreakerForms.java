package io.mosaic.gateway.console;

import io.mosaic.gateway.plan.BreakerControl;
import io.mosaic.gateway.registry.Caller;
import io.mosaic.gateway.registry.OffLoop;
import io.mosaic.gateway.registry.Registrations;
import io.mosaic.gateway.registry.RegistryException;
import io.mosaic.gateway.request.RequestIds;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The admin's incident control on a fragment's breaker: hold it open (off every page now, its
 * fallback served, the origin not called), hold it closed, or release it to count again. Kept in
 * the registry ({@link Registrations#holdBreaker}), so every gateway instance holds it and no
 * team's change lifts it.
 */
@Controller
class BreakerForms {

    private final Registrations registrations;

    BreakerForms(Registrations registrations) {
        this.registrations = registrations;
    }

    /** The breaker form's posted field (WebFlux binds form fields to model attributes, not to request parameters). */
    record BreakerAction(String action) {
    }

    @PostMapping("/console/fragments/{name}/breaker")
    Mono<String> breaker(@PathVariable String name, @ModelAttribute BreakerAction form, @AuthenticationPrincipal Caller caller,
                         Model model, ServerWebExchange exchange) {
        String action = form.action() == null ? "" : form.action();
        Optional<BreakerControl> control = BreakerControl.byId(action);
        if (control.isEmpty() && !action.equals("release")) {
            return Mono.just(Refusals.page(exchange.getResponse(), model, new RegistryException(RegistryException.Refusal.INVALID,
                    "unknown breaker action '" + action + "'; use force-open, force-closed or release")));
        }
        return OffLoop.call(() -> {
            registrations.holdBreaker(caller, name, control.orElse(null), RequestIds.of(exchange));
            return "redirect:/console/fragments/" + name;
        }).onErrorResume(RegistryException.class, e -> Mono.just(Refusals.page(exchange.getResponse(), model, e)));
    }
}
