package io.mosaic.gateway.console;

import io.mosaic.gateway.observe.Observations;
import io.mosaic.gateway.plan.BreakerControl;
import io.mosaic.gateway.plan.CompositionPlan;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.registry.Caller;
import io.mosaic.gateway.registry.PageSlots;
import io.mosaic.gateway.registry.Registrations;
import io.mosaic.gateway.registry.Registrations.Precondition;
import io.mosaic.gateway.registry.RegistryException;
import io.mosaic.gateway.registry.Revision;
import io.mosaic.gateway.registry.StoredFragment;
import io.mosaic.gateway.registry.api.Statuses;
import io.mosaic.gateway.request.RequestIds;
import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.ManifestWriter;
import io.mosaic.manifest.SlotDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operator's and teams' console: every fragment with its live state, a fragment's detail,
 * the pages, the audit log, the register and edit forms, and the admin's incident controls.
 * Server-rendered; live updates arrive as server-sent events, and without JavaScript every page
 * is a correct snapshot. It reads the plan, the observations and the registry; the page path
 * never waits for it.
 */
@Controller
class ConsoleController {

    private final PlanHolder plans;
    private final Observations observations;
    private final Registrations registrations;
    private final JsonMapper json;

    ConsoleController(PlanHolder plans, Observations observations, Registrations registrations, JsonMapper json) {
        this.plans = plans;
        this.observations = observations;
        this.registrations = registrations;
        this.json = json;
    }

    /** The CSRF token every form posts back as {@code _csrf}. */
    @ModelAttribute("csrf")
    Mono<CsrfToken> csrf(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token;
    }

    /** The console's one way of writing a time, for the views: {@code ${utc.format(instant)}}. */
    @ModelAttribute("utc")
    ConsoleTime utc() {
        return ConsoleTime.UTC;
    }

    @ModelAttribute("caller")
    Caller caller(@AuthenticationPrincipal Caller caller) {
        return caller;
    }

    @GetMapping(ConsoleSecurityConfiguration.LOGIN)
    String login(ServerWebExchange exchange, Model model) {
        // ?error and ?signed-out carry no value, which @RequestParam reads as absent.
        model.addAttribute("error", exchange.getRequest().getQueryParams().containsKey("error"));
        model.addAttribute("signedOut", exchange.getRequest().getQueryParams().containsKey("signed-out"));
        return "console/login";
    }

    @GetMapping({"/console", "/console/"})
    String fragments(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("rows", rows(caller));
        model.addAttribute("section", "fragments");
        return "console/fragments";
    }

    /** Every fragment's row once a second, for the live table. */
    @GetMapping(path = "/console/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<List<FragmentRow>>> events(@AuthenticationPrincipal Caller caller) {
        return Flux.interval(Duration.ZERO, Duration.ofSeconds(1))
                .map(tick -> ServerSentEvent.builder(rows(caller)).event("fragments").build());
    }

    @GetMapping("/console/fragments/{name}")
    Mono<String> fragment(@PathVariable String name, @RequestParam(required = false) String restored,
                          @AuthenticationPrincipal Caller caller, Model model, ServerWebExchange exchange) {
        model.addAttribute("saved", exchange.getRequest().getQueryParams().containsKey("saved"));
        model.addAttribute("restored", restored);
        CompositionPlan plan = plans.current();
        FragmentPlan fragment = plan.fragments().get(name);
        if (fragment == null) {
            return Mono.just("console/not-found");
        }
        boolean registered = plan.isRegistered(name);
        model.addAttribute("section", "fragments");
        model.addAttribute("row", row(fragment, plan, caller));
        model.addAttribute("effective", effective(fragment.definition(), plan));
        model.addAttribute("placements", placements(name, plan));
        model.addAttribute("recent", OutcomeRow.of(observations.recent(name)));
        model.addAttribute("registered", registered);
        if (!registered) {
            model.addAttribute("revisions", List.of());
            model.addAttribute("currentRevision", -1L);
            model.addAttribute("audit", List.of());
            return Mono.just("console/fragment");
        }
        return blocking(() -> {
            List<Revision> revisions = registrations.revisions(name);
            model.addAttribute("revisions", revisions);
            // Newest first: the first is the one in force (a removal would have made it unregistered).
            model.addAttribute("currentRevision", revisions.get(0).revision());
            model.addAttribute("audit", caller.mayChange(fragment.definition().team())
                    ? registrations.audit(null, name, 20) : List.of());
            return "console/fragment";
        });
    }

    @GetMapping("/console/pages")
    String pages(Model model) {
        model.addAttribute("pages", PageSlots.of(plans.current().manifest()));
        model.addAttribute("section", "pages");
        return "console/pages";
    }

    @GetMapping("/console/audit")
    Mono<String> audit(@RequestParam(required = false) String team, @RequestParam(required = false) String fragment,
                       Model model) {
        String t = blankToNull(team);
        String f = blankToNull(fragment);
        model.addAttribute("section", "audit");
        model.addAttribute("team", t == null ? "" : t);
        model.addAttribute("fragment", f == null ? "" : f);
        return blocking(() -> {
            model.addAttribute("entries", registrations.audit(t, f, 200));
            return "console/audit";
        });
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
        return blocking(() -> {
            StoredFragment stored = registrations.get(name);
            if (!caller.mayChange(stored.team())) {
                throw new RegistryException(RegistryException.Refusal.FORBIDDEN, "fragment '" + name + "' belongs to team " + stored.team()
                        + "; you may only edit your own team's fragments");
            }
            return form(model, FragmentForm.of(json.readTree(stored.document()), stored.revision()), Map.of(), false);
        }).onErrorResume(RegistryException.class, e -> Mono.just(refused(exchange, model, e)));
    }

    @PostMapping("/console/fragments/{name}/edit")
    Mono<String> edit(@PathVariable String name, @ModelAttribute("form") FragmentForm form,
                      @AuthenticationPrincipal Caller caller, Model model, ServerWebExchange exchange) {
        String etag = "\"" + (form.revision() == null ? "" : form.revision().strip()) + "\"";
        return blocking(() -> json.readTree(registrations.get(name).document()))
                .flatMap(base -> save(caller, name, form, base, new Precondition(etag, null), model, false, exchange))
                .onErrorResume(RegistryException.class, e -> Mono.just(refused(exchange, model, e)));
    }

    @PostMapping("/console/fragments/{name}/revisions/{revision}/restore")
    Mono<String> restore(@PathVariable String name, @PathVariable long revision, @AuthenticationPrincipal Caller caller,
                         Model model, ServerWebExchange exchange) {
        return blocking(() -> registrations.restore(caller, name, revision, Precondition.NONE, RequestIds.of(exchange)))
                .map(stored -> "redirect:/console/fragments/" + name + "?restored=" + revision)
                .onErrorResume(RegistryException.class, e -> Mono.just(refused(exchange, model, e)));
    }

    @PostMapping("/console/fragments/{name}/{action:disable|enable}")
    Mono<String> enabled(@PathVariable String name, @PathVariable String action, @AuthenticationPrincipal Caller caller,
                         Model model, ServerWebExchange exchange) {
        return blocking(() -> registrations.setEnabled(caller, name, action.equals("enable"), Precondition.NONE, RequestIds.of(exchange)))
                .map(stored -> "redirect:/console/fragments/" + name)
                .onErrorResume(RegistryException.class, e -> Mono.just(refused(exchange, model, e)));
    }

    /**
     * The admin's incident control: force a fragment's breaker open (off every page now, its
     * fallback served, the origin not called), force it closed, or release it to count again.
     */
    @PostMapping("/console/fragments/{name}/breaker")
    Mono<String> breaker(@PathVariable String name, @ModelAttribute BreakerAction form, @AuthenticationPrincipal Caller caller,
                         Model model, ServerWebExchange exchange) {
        String action = form.action() == null ? "" : form.action();
        FragmentPlan fragment = plans.current().fragments().get(name);
        if (fragment == null) {
            exchange.getResponse().setStatusCode(org.springframework.http.HttpStatus.NOT_FOUND);
            return Mono.just("console/not-found");
        }
        BreakerControl control;
        switch (action) {
            case "force-open" -> control = BreakerControl.FORCE_OPEN;
            case "force-closed" -> control = BreakerControl.FORCE_CLOSED;
            case "release" -> control = null;
            default -> {
                return Mono.just(refused(exchange, model, new RegistryException(RegistryException.Refusal.INVALID,
                        "unknown breaker action '" + action + "'; use force-open, force-closed or release")));
            }
        }
        return blocking(() -> {
            registrations.holdBreaker(caller, name, control, RequestIds.of(exchange));
            return "redirect:/console/fragments/" + name;
        }).onErrorResume(RegistryException.class, e -> Mono.just(refused(exchange, model, e)));
    }

    /** The breaker form's posted field (WebFlux binds form fields to model attributes, not to request parameters). */
    record BreakerAction(String action) {
    }

    private Mono<String> save(Caller caller, String name, FragmentForm form, JsonNode base, Precondition precondition,
                              Model model, boolean creating, ServerWebExchange exchange) {
        return blocking(() -> {
            registrations.put(caller, name, form.toDocument(json, base), precondition, RequestIds.of(exchange));
            return "redirect:/console/fragments/" + name + "?saved";
        }).onErrorResume(RegistryException.class, e -> {
            exchange.getResponse().setStatusCode(Statuses.of(e.refusal()));
            if (e.refusal() == RegistryException.Refusal.TOO_MANY) {
                exchange.getResponse().getHeaders().set(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
            }
            return Mono.just(form(model, form,
                    e.errors().isEmpty() ? Map.of("", List.of(e.getMessage())) : FragmentForm.byField(e.errors()), creating));
        });
    }

    private String form(Model model, FragmentForm form, Map<String, List<String>> errors, boolean creating) {
        model.addAttribute("section", "fragments");
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("creating", creating);
        model.addAttribute("openSlots", openSlots(plans.current()));
        return "console/form";
    }

    private String refused(ServerWebExchange exchange, Model model, RegistryException e) {
        exchange.getResponse().setStatusCode(Statuses.of(e.refusal()));
        if (e.refusal() == RegistryException.Refusal.TOO_MANY) {
            exchange.getResponse().getHeaders().set(org.springframework.http.HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        model.addAttribute("section", "fragments");
        model.addAttribute("status", Statuses.of(e.refusal()).value());
        model.addAttribute("message", e.getMessage());
        return "console/refused";
    }

    private List<FragmentRow> rows(Caller caller) {
        CompositionPlan plan = plans.current();
        return plan.fragments().values().stream().map(fragment -> row(fragment, plan, caller)).toList();
    }

    private FragmentRow row(FragmentPlan fragment, CompositionPlan plan, Caller caller) {
        return FragmentRow.of(fragment, plan, observations.snapshot(fragment.name()), observations.version(fragment.name()),
                plan.isRegistered(fragment.name()) && caller != null && caller.mayChange(fragment.definition().team()));
    }

    /** The fragment's effective configuration, every default applied, as the manifest would say it. */
    private String effective(FragmentDefinition fragment, CompositionPlan plan) {
        String whole = new ManifestWriter().write(new io.mosaic.manifest.Manifest(plan.manifest().version(),
                plan.manifest().defaults(), List.of(fragment), List.of()));
        int start = whole.indexOf("fragments:");
        int pages = whole.lastIndexOf("\npages:");
        return whole.substring(Math.max(0, start), pages > start ? pages + 1 : whole.length()).stripTrailing();
    }

    private static List<String> placements(String name, CompositionPlan plan) {
        List<String> placements = new ArrayList<>();
        plan.pages().forEach((path, page) -> {
            if (page.fragments().containsKey(name)) {
                page.definition().slots().forEach((slot, content) -> {
                    boolean named = content instanceof SlotDefinition.Fragments f && f.names().contains(name);
                    boolean mounted = content instanceof SlotDefinition.Open
                            && plan.manifest().mounted(path, slot).stream().anyMatch(f -> f.name().equals(name));
                    if (named || mounted) {
                        placements.add(path + " › " + slot + (mounted ? " (mounted)" : ""));
                    }
                });
            }
        });
        return placements;
    }

    private static List<String> openSlots(CompositionPlan plan) {
        List<String> slots = new ArrayList<>();
        plan.manifest().pages().forEach(page -> page.slots().forEach((slot, content) -> {
            if (content instanceof SlotDefinition.Open) {
                slots.add(page.path() + " " + slot);
            }
        }));
        return slots;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static <T> Mono<T> blocking(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }

}
