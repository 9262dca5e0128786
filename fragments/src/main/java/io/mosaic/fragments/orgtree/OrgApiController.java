package io.mosaic.fragments.orgtree;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The JSON API that {@code <org-tree>} calls from the browser, through the gateway's proxy. */
@RestController
@RequestMapping("/api/org")
class OrgApiController {

    private final OrgChart chart;

    OrgApiController(OrgChart chart) {
        this.chart = chart;
    }

    @GetMapping
    OrgOverview root() {
        OrgUnit root = this.chart.root();
        return new OrgOverview(root.toNode(), nodes(root.children()));
    }

    @GetMapping("/{id}")
    List<OrgNode> children(@PathVariable String id) {
        return this.chart.childrenOf(id)
            .map(OrgApiController::nodes)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No organisation unit has the id '" + id + "'"));
    }

    private static List<OrgNode> nodes(List<OrgUnit> units) {
        return units.stream().map(OrgUnit::toNode).toList();
    }

    /** {@code GET /api/org}: the company and its departments, enough to draw the first level. */
    record OrgOverview(OrgNode root, List<OrgNode> children) {
    }

}
