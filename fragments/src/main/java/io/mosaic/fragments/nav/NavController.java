package io.mosaic.fragments.nav;

import io.mosaic.fragments.contract.FragmentMapping;
import io.mosaic.manifest.FragmentContract;
import java.util.List;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestHeader;

@Controller
class NavController {

    private final NavMenu menu;

    NavController(NavMenu menu) {
        this.menu = menu;
    }

    /**
     * The menu changes only with a deployment, so the gateway may keep it a minute and serve it
     * while it checks again; it marks the current page, so it varies on the page.
     */
    static final String CACHE_CONTROL = "max-age=60, stale-while-revalidate=300";

    @FragmentMapping
    String fragment(@RequestHeader(name = FragmentContract.PAGE_PATH_HEADER, required = false) String pagePath, Model model,
                    ServerHttpResponse response) {
        response.getHeaders().setCacheControl(CACHE_CONTROL);
        response.getHeaders().setVary(List.of(FragmentContract.PAGE_PATH_HEADER));
        model.addAttribute("items", this.menu.itemsFor(pagePath));
        return "nav/fragment";
    }

}
