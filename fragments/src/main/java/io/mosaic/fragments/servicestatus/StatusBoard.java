package io.mosaic.fragments.servicestatus;

import java.util.List;
import org.springframework.stereotype.Component;

/** The current state of Northwind Chat's services, held in memory for the demo. */
@Component
class StatusBoard {

    private final List<ServiceHealth> services = List.of(
            new ServiceHealth("Messaging", ServiceState.OPERATIONAL, 99.98, ""),
            new ServiceHealth("Calls", ServiceState.DEGRADED, 99.41, "Some calls in Europe take longer to connect."),
            new ServiceHealth("File sharing", ServiceState.OPERATIONAL, 99.95, ""),
            new ServiceHealth("Search", ServiceState.OPERATIONAL, 99.90, ""));

    /** Every service, in the order users meet them. */
    List<ServiceHealth> services() {
        return this.services;
    }

}
