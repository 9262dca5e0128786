package io.mosaic.gateway.registry;

/**
 * Who is calling the registry: a team, or an admin.
 *
 * @param team the team's name; null for an admin
 * @param admin whether the caller may act for every team
 */
public record Caller(String team, boolean admin) {

    public static Caller ofTeam(String team) {
        return new Caller(team, false);
    }

    public static Caller administrator() {
        return new Caller(null, true);
    }

    /** Whether this caller may change fragments owned by {@code owner}. */
    public boolean mayChange(String owner) {
        return admin || (team != null && team.equals(owner));
    }

    /** How the audit log names the caller. */
    public String actor() {
        return admin ? "admin" : "team:" + team;
    }
}
