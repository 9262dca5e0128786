package io.mosaic.fragments.security;

import io.mosaic.fragments.contract.FragmentMapping;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;

@Controller
class SecuritySettingsController {

    private final SecurityPolicy policy;

    SecuritySettingsController(SecurityPolicy policy) {
        this.policy = policy;
    }

    @FragmentMapping
    String fragment(Model model) {
        model.addAttribute("settings", this.policy.current());
        return "security/settings";
    }

}
