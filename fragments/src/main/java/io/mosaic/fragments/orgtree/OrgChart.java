package io.mosaic.fragments.orgtree;

import static io.mosaic.fragments.orgtree.OrgUnit.company;
import static io.mosaic.fragments.orgtree.OrgUnit.department;
import static io.mosaic.fragments.orgtree.OrgUnit.team;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Northwind Chat's organisation, held in memory for the demo. */
@Component
class OrgChart {

    private final OrgUnit root = company("northwind", "Northwind Chat",
            department("engineering", "Engineering",
                    team("eng-platform", "Platform", 22),
                    team("eng-messaging", "Messaging", 31),
                    team("eng-mobile", "Mobile", 16),
                    team("eng-reliability", "Reliability", 12)),
            department("product", "Product",
                    team("product-design", "Design", 9),
                    team("product-management", "Product Management", 11),
                    team("product-research", "User Research", 5)),
            department("sales", "Sales",
                    team("sales-enterprise", "Enterprise", 14),
                    team("sales-mid-market", "Mid-Market", 8),
                    team("sales-solutions", "Solutions Engineering", 6)),
            department("people", "People",
                    team("people-recruiting", "Recruiting", 5),
                    team("people-operations", "People Operations", 3)),
            department("finance", "Finance",
                    team("finance-accounting", "Accounting", 4),
                    team("finance-billing-ops", "Billing Operations", 2)));

    private final Map<String, OrgUnit> byId = index(this.root);

    OrgUnit root() {
        return this.root;
    }

    /** The direct children of the unit with this id; empty when no unit has it. */
    Optional<List<OrgUnit>> childrenOf(String id) {
        return Optional.ofNullable(this.byId.get(id)).map(OrgUnit::children);
    }

    private static Map<String, OrgUnit> index(OrgUnit root) {
        Map<String, OrgUnit> index = new HashMap<>();
        addTo(index, root);
        return Map.copyOf(index);
    }

    private static void addTo(Map<String, OrgUnit> index, OrgUnit unit) {
        if (index.putIfAbsent(unit.id(), unit) != null) {
            throw new IllegalStateException("Two organisation units share the id '" + unit.id() + "'");
        }
        unit.children().forEach((child) -> addTo(index, child));
    }

}
