package io.mosaic.gateway.console;

import io.mosaic.gateway.observe.Observations;
import io.mosaic.gateway.plan.CompositionPlan;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.plan.PagePlan;
import io.mosaic.gateway.registry.Caller;
import io.mosaic.gateway.registry.IncidentControl;
import io.mosaic.gateway.registry.OffLoop;
import io.mosaic.gateway.registry.Registrations;
import io.mosaic.gateway.registry.Revision;
import io.mosaic.gateway.registry.StoredFragment;
import io.mosaic.manifest.ManifestWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The console's fragments: every fragment with its live state (the table updates every second
 * from server-sent events), the registered fragments that are off the pages, and one fragment's
 * detail. Reads the plan, the observations and the registry; the page path never waits for it.
 */
@Controller
class FragmentViews {

    private final ConsoleRows rows;
    private final Observations observations;
    private final Registrations registrations;

    FragmentViews(ConsoleRows rows, Observations observations, Registrations registrations) {
        this.rows = rows;
        this.observations = observations;
        this.registrations = registrations;
    }

    @GetMapping({"/console", "/console/"})
    Mono<String> fragments(@AuthenticationPrincipal Caller caller, Model model) {
        CompositionPlan plan = rows.plan();
        model.addAttribute("rows", rows.all(plan, caller));
        model.addAttribute("section", "fragments");
        return OffLoop.call(() -> {
            model.addAttribute("offPages", offPages(plan));
            return "console/fragments";
        });
    }

    /** Every fragment's row once a second, for the live table. */
    @GetMapping(path = "/console/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    Flux<ServerSentEvent<List<FragmentRow>>> events(@AuthenticationPrincipal Caller caller) {
        return Flux.interval(Duration.ZERO, Duration.ofSeconds(1))
                .map(tick -> ServerSentEvent.builder(rows.all(rows.plan(), caller)).event("fragments").build());
    }

    @GetMapping("/console/fragments/{name}")
    Mono<String> fragment(@PathVariable String name, @RequestParam(required = false) String restored,
                          @AuthenticationPrincipal Caller caller, Model model, ServerWebExchange exchange) {
        model.addAttribute("saved", exchange.getRequest().getQueryParams().containsKey("saved"));
        model.addAttribute("restored", restored);
        model.addAttribute("section", "fragments");
        CompositionPlan plan = rows.plan();
        FragmentPlan fragment = plan.fragments().get(name);
        if (fragment == null) {
            return offPage(name, caller, model, exchange);
        }
        boolean registered = plan.isRegistered(name);
        model.addAttribute("row", rows.row(fragment, plan, caller));
        model.addAttribute("effective", new ManifestWriter().writeFragment(fragment.definition()).stripTrailing());
        model.addAttribute("placements", placements(name, plan));
        model.addAttribute("recent", OutcomeRow.of(observations.recent(name)));
        model.addAttribute("registered", registered);
        model.addAttribute("held", plan.breakerControls().get(name));
        return OffLoop.call(() -> {
            Optional<IncidentControl> control = registrations.control(name);
            model.addAttribute("control", control.orElse(null));
            List<Revision> revisions = registered ? registrations.revisions(name) : List.of();
            model.addAttribute("revisions", revisions);
            // Newest first: the first is the one in force (a removal would have made it unregistered).
            model.addAttribute("currentRevision", revisions.isEmpty() ? -1L : revisions.get(0).revision());
            model.addAttribute("audit", caller.mayChange(fragment.definition().team()) ? registrations.audit(null, name, 20) : List.of());
            return "console/fragment";
        });
    }

    /** A registered fragment that is not on the pages (disabled by its team, or taken off by an admin), or none at all. */
    private Mono<String> offPage(String name, Caller caller, Model model, ServerWebExchange exchange) {
        return OffLoop.call(() -> {
            Optional<StoredFragment> stored = registrations.list(null).stream().filter(f -> f.name().equals(name)).findFirst();
            if (stored.isEmpty()) {
                exchange.getResponse().setStatusCode(org.springframework.http.HttpStatus.NOT_FOUND);
                return "console/not-found";
            }
            StoredFragment fragment = stored.get();
            Optional<IncidentControl> control = registrations.control(name);
            List<Revision> revisions = registrations.revisions(name);
            model.addAttribute("off", OffPageRow.of(fragment, control.orElse(null), caller));
            model.addAttribute("control", control.orElse(null));
            model.addAttribute("document", fragment.document());
            model.addAttribute("revisions", revisions);
            model.addAttribute("currentRevision", revisions.get(0).revision());
            model.addAttribute("audit", caller.mayChange(fragment.team()) ? registrations.audit(null, name, 20) : List.of());
            return "console/off-page";
        });
    }

    /** The registered fragments that are off the pages, for the table below the live one. Blocking. */
    private List<OffPageRow> offPages(CompositionPlan plan) {
        List<OffPageRow> off = new ArrayList<>();
        for (StoredFragment fragment : registrations.list(null)) {
            if (!plan.fragments().containsKey(fragment.name())) {
                off.add(OffPageRow.of(fragment, registrations.control(fragment.name()).orElse(null), null));
            }
        }
        return off;
    }

    /** Where the fragment shows: each page and slot, as the plan composes them. */
    private static List<String> placements(String name, CompositionPlan plan) {
        List<String> placements = new ArrayList<>();
        for (PagePlan page : plan.pages().values()) {
            page.slotOf(name).ifPresent(slot -> placements.add(page.path() + " › " + slot + (page.isOpen(slot) ? " (mounted)" : "")));
        }
        return placements;
    }
}
