package io.mosaic.gateway.registry;

import io.mosaic.gateway.policy.TeamGrants;
import io.mosaic.manifest.Trust;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the registration API, how much, and what the operator grants each team. Tokens are
 * configured as the hex SHA-256 of the token, never the token itself:
 * {@code mosaic.registry.teams.people.token-sha256=...}. ({@code mosaic.registry.allowed-origins}
 * is bound by the origin policy.)
 *
 * @param teams each team's token hash and grants, by team name
 * @param admin the admin token's hash; an admin may change every team's fragments and read the audit log
 * @param writesPerMinute the changes one team (or the admin) may make per minute; more answer 429 (default 60)
 * @param jwt how JWTs from the organisation's identity provider name the team, when a JWT key is configured
 */
@ConfigurationProperties(prefix = "mosaic.registry")
public record RegistryProperties(Map<String, Team> teams, Token admin, int writesPerMinute, Jwt jwt) {

    public RegistryProperties {
        teams = teams == null ? Map.of() : Map.copyOf(teams);
        writesPerMinute = writesPerMinute > 0 ? writesPerMinute : 60;
        jwt = jwt == null ? new Jwt(null, null) : jwt;
    }

    /** @param tokenSha256 the hex SHA-256 of the bearer token */
    public record Token(String tokenSha256) {
    }

    /**
     * One team: its token, and what the operator grants it (a team never grants itself anything).
     *
     * @param tokenSha256 the hex SHA-256 of the team's bearer token
     * @param maxTrust the highest {@code trust} the team's registered fragments may have: {@code untrusted},
     *                 {@code standard} (the default) or {@code trusted}
     * @param mayReceive the credential headers, client-address headers and gateway cookies the team's registered
     *                   fragments may declare in {@code forward} (for example {@code Authorization}); none by default
     */
    public record Team(String tokenSha256, Trust maxTrust, Set<String> mayReceive) {
        public Team {
            maxTrust = maxTrust == null ? TeamGrants.DEFAULT_MAX_TRUST : maxTrust;
            mayReceive = mayReceive == null ? Set.of() : Set.copyOf(mayReceive);
        }
    }

    /** The highest trust {@code team}'s registered fragments may have: {@code standard} for a team with no settings. */
    public Trust maxTrust(String team) {
        Team settings = teams.get(team);
        return settings == null ? TeamGrants.DEFAULT_MAX_TRUST : settings.maxTrust();
    }

    /** What the operator granted {@code team}'s registered fragments to receive (see {@link Team#mayReceive()}). */
    public Set<String> mayReceive(String team) {
        Team settings = teams.get(team);
        return settings == null ? Set.of() : settings.mayReceive();
    }

    /**
     * @param teamClaim the claim holding the caller's team (default {@code team})
     * @param adminScope the scope that makes a JWT's holder an admin (default {@code mosaic:admin})
     */
    public record Jwt(String teamClaim, String adminScope) {
        public Jwt {
            teamClaim = teamClaim == null || teamClaim.isBlank() ? "team" : teamClaim;
            adminScope = adminScope == null || adminScope.isBlank() ? "mosaic:admin" : adminScope;
        }
    }
}
