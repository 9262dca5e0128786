package io.mosaic.fragments.billing;

import java.time.LocalDate;
import org.springframework.stereotype.Component;

/** The workspace's billing account, held in memory for the demo. */
@Component
class BillingAccount {

    private final BillingSummary summary = new BillingSummary("Business+", new BillingSummary.Seats(148, 160),
            new BillingSummary.Invoice(LocalDate.of(2026, 12, 1), "1,776.00", "EUR"), "Visa ending 4242");

    BillingSummary summary() {
        return this.summary;
    }

}
