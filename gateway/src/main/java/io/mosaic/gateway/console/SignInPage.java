package io.mosaic.gateway.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.server.ServerWebExchange;

/** The console's sign-in page (Spring Security's form login posts back to the same path). */
@Controller
class SignInPage {

    @GetMapping(ConsoleSecurityConfiguration.LOGIN)
    String login(ServerWebExchange exchange, Model model) {
        // ?error and ?signed-out carry no value, which @RequestParam reads as absent.
        model.addAttribute("error", exchange.getRequest().getQueryParams().containsKey("error"));
        model.addAttribute("signedOut", exchange.getRequest().getQueryParams().containsKey("signed-out"));
        return "console/login";
    }
}
