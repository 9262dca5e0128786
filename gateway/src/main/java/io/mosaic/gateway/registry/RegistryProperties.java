package io.mosaic.gateway.registry;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may use the registration API, and how much. Tokens are configured as the hex SHA-256 of
 * the token, never the token itself: {@code mosaic.registry.teams.people.token-sha256=...}.
 * ({@code mosaic.registry.allowed-origins} is bound by the origin policy.)
 *
 * @param teams each team's token hash, by team name
 * @param admin the admin token's hash; an admin may change every team's fragments and read the audit log
 * @param writesPerMinute the changes one team (or the admin) may make per minute; more answer 429 (default 60)
 * @param jwt how JWTs from the organisation's identity provider name the team, when a JWT key is configured
 */
@ConfigurationProperties(prefix = "mosaic.registry")
public record RegistryProperties(Map<String, Token> teams, Token admin, int writesPerMinute, Jwt jwt) {

    public RegistryProperties {
        teams = teams == null ? Map.of() : Map.copyOf(teams);
        writesPerMinute = writesPerMinute > 0 ? writesPerMinute : 60;
        jwt = jwt == null ? new Jwt(null, null) : jwt;
    }

    /** @param tokenSha256 the hex SHA-256 of the bearer token */
    public record Token(String tokenSha256) {
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
