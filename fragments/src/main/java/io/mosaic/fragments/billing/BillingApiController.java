package io.mosaic.fragments.billing;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The JSON API that {@code billing.js} calls from the browser, through the gateway's proxy. */
@RestController
class BillingApiController {

    private final BillingAccount account;

    BillingApiController(BillingAccount account) {
        this.account = account;
    }

    @GetMapping("/api/summary")
    BillingSummary summary() {
        return this.account.summary();
    }

}
