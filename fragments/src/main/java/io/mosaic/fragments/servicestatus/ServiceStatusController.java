package io.mosaic.fragments.servicestatus;

import io.mosaic.fragments.contract.FragmentMapping;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;

@Controller
class ServiceStatusController {

    private final StatusBoard board;

    ServiceStatusController(StatusBoard board) {
        this.board = board;
    }

    @FragmentMapping
    String fragment(Model model) {
        List<ServiceHealth> services = this.board.services();
        model.addAttribute("services", services);
        model.addAttribute("summary", summary(services));
        return "service-status/widget";
    }

    /** One line over the list: {@code All services operational} or {@code 3 of 4 services operational}. */
    static String summary(List<ServiceHealth> services) {
        long operational = services.stream().filter((service) -> service.state() == ServiceState.OPERATIONAL).count();
        if (operational == services.size()) {
            return "All services operational";
        }
        return operational + " of " + services.size() + " services operational";
    }

}
