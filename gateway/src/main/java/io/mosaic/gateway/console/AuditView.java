package io.mosaic.gateway.console;

import io.mosaic.gateway.registry.OffLoop;
import io.mosaic.gateway.registry.Registrations;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import reactor.core.publisher.Mono;

/** The audit log, for admins, filterable by team and fragment. */
@Controller
class AuditView {

    private final Registrations registrations;

    AuditView(Registrations registrations) {
        this.registrations = registrations;
    }

    @GetMapping("/console/audit")
    Mono<String> audit(@RequestParam(required = false) String team, @RequestParam(required = false) String fragment, Model model) {
        String t = blankToNull(team);
        String f = blankToNull(fragment);
        model.addAttribute("section", "audit");
        model.addAttribute("team", t == null ? "" : t);
        model.addAttribute("fragment", f == null ? "" : f);
        return OffLoop.call(() -> {
            model.addAttribute("entries", registrations.audit(t, f, 200));
            return "console/audit";
        });
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
