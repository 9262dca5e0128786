package io.mosaic.fragments.billing;

import io.mosaic.fragments.contract.BasePath;
import io.mosaic.fragments.contract.FragmentMapping;
import io.mosaic.manifest.FragmentContract;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestHeader;

/** The fragment: an empty shell that {@code billing.js} fills from the API. */
@Controller
class BillingFragmentController {

    @FragmentMapping
    String fragment(@RequestHeader(name = FragmentContract.BASE_PATH_HEADER, required = false) String basePath,
            Model model) {
        model.addAttribute("api", BasePath.fromHeader(basePath).resolve("/api/summary"));
        return "billing/shell";
    }

}
