package io.mosaic.gateway.console;

import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.registry.Caller;
import io.mosaic.gateway.registry.OffLoop;
import io.mosaic.gateway.registry.Registrations;
import io.mosaic.gateway.registry.Registrations.Precondition;
import io.mosaic.gateway.registry.RegistryException;
import io.mosaic.gateway.registry.StoredFragment;
import io.mosaic.gateway.request.RequestIds;
import io.mosaic.manifest.SlotDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A team's own registrations in the console: register, edit, restore an older revision, disable
 * and enable. Each form becomes the same call the registration API makes ({@link Registrations}),
 * so the same rules, write limit and audit apply; a refusal is shown next to its field.
 */
@Controller
class RegistrationForms {

    private final PlanHolder plans;
    private final Registrations registrations;
    private final JsonMapper json;

    RegistrationForms(PlanHolder plans, Registrations registrations, JsonMapper json) {
        this.plans = plans;
        this.registrations = registrations;
        this.json = json;
    }

    @GetMapping("/console/fragments/new")
    String registerForm(@AuthenticationPrincipal Caller caller, Model model) {
        return form(model, FragmentForm.empty(caller.team()), Map.of(), true);
    }

    @PostMapping("/console/fragments/new")
    Mono<String> register(@ModelAttribute("form") FragmentForm form, @AuthenticationPrincipal Caller caller, Model model,
                          ServerWebExchange exchange) {
        String name = form.name() == null ? "" : form.name().strip();
        return save(caller, name, form, null, new Precondition(null, "*"), model, true, exchange);
    }

    @GetMapping("/console/fragments/{name}/edit")
    Mono<String> editForm(@PathVariable String name, @AuthenticationPrincipal Caller caller, Model model,
                          ServerWebExchange exchange) {
        return OffLoop.call(() -> {
            StoredFragment stored = registrations.get(name);
            if (!caller.mayChange(stored.team())) {
                throw new RegistryException(RegistryException.Refusal.FORBIDDEN, "fragment '" + name + "' belongs to team "
                        + stored.team() + "; you may only edit your own team's fragments");
            }
            return form(model, FragmentForm.of(json.readTree(stored.document()), stored.revision()), Map.of(), false);
        }).onErrorResume(RegistryException.class, e -> Mono.just(Refusals.page(exchange.getResponse(), model, e)));
    }

    @PostMapping("/console/fragments/{name}/edit")
    Mono<String> edit(@PathVariable String name, @ModelAttribute("form") FragmentForm form,
                      @AuthenticationPrincipal Caller caller, Model model, ServerWebExchange exchange) {
        String etag = "\"" + (form.revision() == null ? "" : form.revision().strip()) + "\"";
        return OffLoop.call(() -> json.readTree(registrations.get(name).document()))
                .flatMap(base -> save(caller, name, form, base, new Precondition(etag, null), model, false, exchange))
                .onErrorResume(RegistryException.class, e -> Mono.just(Refusals.page(exchange.getResponse(), model, e)));
    }

    @PostMapping("/console/fragments/{name}/revisions/{revision}/restore")
    Mono<String> restore(@PathVariable String name, @PathVariable long revision, @AuthenticationPrincipal Caller caller,
                         Model model, ServerWebExchange exchange) {
        return OffLoop.call(() -> registrations.restore(caller, name, revision, Precondition.NONE, RequestIds.of(exchange)))
                .map(stored -> "redirect:/console/fragments/" + name + "?restored=" + revision)
                .onErrorResume(RegistryException.class, e -> Mono.just(Refusals.page(exchange.getResponse(), model, e)));
    }

    @PostMapping("/console/fragments/{name}/{action:disable|enable}")
    Mono<String> enabled(@PathVariable String name, @PathVariable String action, @AuthenticationPrincipal Caller caller,
                         Model model, ServerWebExchange exchange) {
        return OffLoop.call(() -> registrations.setEnabled(caller, name, action.equals("enable"), Precondition.NONE,
                        RequestIds.of(exchange)))
                .map(stored -> "redirect:/console/fragments/" + name)
                .onErrorResume(RegistryException.class, e -> Mono.just(Refusals.page(exchange.getResponse(), model, e)));
    }

    private Mono<String> save(Caller caller, String name, FragmentForm form, JsonNode base, Precondition precondition,
                              Model model, boolean creating, ServerWebExchange exchange) {
        return OffLoop.call(() -> {
            registrations.put(caller, name, form.toDocument(json, base), precondition, RequestIds.of(exchange));
            return "redirect:/console/fragments/" + name + "?saved";
        }).onErrorResume(RegistryException.class, e -> {
            Refusals.status(exchange.getResponse(), e);
            return Mono.just(form(model, form,
                    e.errors().isEmpty() ? Map.of("", List.of(e.getMessage())) : FragmentForm.byField(e.errors()), creating));
        });
    }

    private String form(Model model, FragmentForm form, Map<String, List<String>> errors, boolean creating) {
        model.addAttribute("section", "fragments");
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("creating", creating);
        model.addAttribute("openSlots", openSlots());
        return "console/form";
    }

    /** The open slots a form may mount into, as {@code PAGE SLOT}. */
    private List<String> openSlots() {
        List<String> slots = new ArrayList<>();
        plans.current().pages().values().forEach(page -> page.definition().slots().forEach((slot, content) -> {
            if (content instanceof SlotDefinition.Open) {
                slots.add(page.path() + " " + slot);
            }
        }));
        return slots;
    }
}
