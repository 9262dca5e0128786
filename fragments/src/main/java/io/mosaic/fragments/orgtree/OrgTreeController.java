package io.mosaic.fragments.orgtree;

import io.mosaic.fragments.contract.BasePath;
import io.mosaic.fragments.contract.FragmentMapping;
import io.mosaic.manifest.FragmentContract;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestHeader;

/** The fragment: a {@code <org-tree>} element pointed at the API, plus a no-script summary. */
@Controller
class OrgTreeController {

    private final OrgChart chart;

    OrgTreeController(OrgChart chart) {
        this.chart = chart;
    }

    @FragmentMapping
    String fragment(@RequestHeader(name = FragmentContract.BASE_PATH_HEADER, required = false) String basePath,
            Model model) {
        model.addAttribute("api", BasePath.fromHeader(basePath).resolve("/api/org"));
        model.addAttribute("company", this.chart.root());
        return "org-tree/fragment";
    }

}
