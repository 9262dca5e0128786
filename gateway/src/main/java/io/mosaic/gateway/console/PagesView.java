package io.mosaic.gateway.console;

import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.registry.Caller;
import io.mosaic.gateway.registry.PageSlots;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Each page with its layout and slots (open slots with their fragments and free places) and a preview from the pages' origin. */
@Controller
class PagesView {

    private final PlanHolder plans;

    PagesView(PlanHolder plans) {
        this.plans = plans;
    }

    @GetMapping("/console/pages")
    String pages(@AuthenticationPrincipal Caller caller, Model model) {
        model.addAttribute("pages", PageSlots.of(plans.current(), caller.team()));
        model.addAttribute("section", "pages");
        return "console/pages";
    }
}
