package io.mosaic.fragments.orgtree;

import java.util.List;
import java.util.Locale;

/**
 * A unit of the organisation: the company, a department or a team. Only teams have people of
 * their own; a larger unit's headcount is the sum of its children's. Public because the
 * fragment's template reads it.
 */
public record OrgUnit(String id, String name, Kind kind, int headcount, List<OrgUnit> children) {

    public OrgUnit {
        children = List.copyOf(children);
    }

    static OrgUnit team(String id, String name, int headcount) {
        return new OrgUnit(id, name, Kind.TEAM, headcount, List.of());
    }

    static OrgUnit department(String id, String name, OrgUnit... teams) {
        return withChildren(id, name, Kind.DEPARTMENT, teams);
    }

    static OrgUnit company(String id, String name, OrgUnit... departments) {
        return withChildren(id, name, Kind.COMPANY, departments);
    }

    private static OrgUnit withChildren(String id, String name, Kind kind, OrgUnit... children) {
        int headcount = 0;
        for (OrgUnit child : children) {
            headcount += child.headcount();
        }
        return new OrgUnit(id, name, kind, headcount, List.of(children));
    }

    /** The unit as the API shows it, without its subtree. */
    OrgNode toNode() {
        return new OrgNode(this.id, this.name, this.kind.name().toLowerCase(Locale.ROOT), this.headcount,
                !this.children.isEmpty());
    }

    public enum Kind {

        COMPANY, DEPARTMENT, TEAM

    }

}
