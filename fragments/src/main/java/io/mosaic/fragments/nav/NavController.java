package io.mosaic.fragments.nav;

import io.mosaic.fragments.contract.FragmentMapping;
import io.mosaic.fragments.contract.GatewayHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestHeader;

@Controller
class NavController {

    private final NavMenu menu;

    NavController(NavMenu menu) {
        this.menu = menu;
    }

    @FragmentMapping
    String fragment(@RequestHeader(name = GatewayHeaders.PAGE_PATH, required = false) String pagePath, Model model) {
        model.addAttribute("items", this.menu.itemsFor(pagePath));
        return "nav/fragment";
    }

}
