package io.mosaic.gateway.registry.api;

import io.mosaic.gateway.registry.Caller;
import io.mosaic.gateway.registry.RegistryProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import reactor.core.publisher.Mono;

/**
 * Authenticates a bearer token: first against the configured team and admin tokens (compared
 * as SHA-256 hashes in constant time; the tokens themselves are never configured), then, when
 * the operator configured a JWT key, as a JWT from the organisation's identity provider whose
 * claim names the team. Not a bean: Spring Security would otherwise use it for everything.
 */
public final class TokenAuthentication implements ReactiveAuthenticationManager {

    private record Known(byte[] hash, Caller caller) {
    }

    private final List<Known> tokens;
    private final ReactiveAuthenticationManager jwts;

    public TokenAuthentication(RegistryProperties properties, ReactiveJwtDecoder jwtDecoder) {
        List<Known> known = new ArrayList<>();
        for (Map.Entry<String, RegistryProperties.Team> team : properties.teams().entrySet()) {
            if (team.getValue().tokenSha256() == null) {
                continue; // a team that signs in with JWTs only, configured for its grants
            }
            known.add(new Known(hash(team.getValue().tokenSha256(), "mosaic.registry.teams." + team.getKey()),
                    Caller.ofTeam(team.getKey())));
        }
        if (properties.admin() != null && properties.admin().tokenSha256() != null) {
            known.add(new Known(hash(properties.admin().tokenSha256(), "mosaic.registry.admin"), Caller.administrator()));
        }
        this.tokens = List.copyOf(known);
        if (jwtDecoder == null) {
            this.jwts = null;
        } else {
            JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(jwtDecoder);
            RegistryProperties.Jwt settings = properties.jwt();
            manager.setJwtAuthenticationConverter(jwt -> Mono.just(new CallerAuthentication(caller(jwt, settings))));
            this.jwts = manager;
        }
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        String token;
        if (authentication instanceof BearerTokenAuthenticationToken bearer) {
            token = bearer.getToken();
        } else if (authentication instanceof UsernamePasswordAuthenticationToken form && form.getCredentials() != null) {
            // The console's sign-in form: the token is typed as the password.
            token = form.getCredentials().toString();
        } else {
            return Mono.empty();
        }
        byte[] presented = sha256(token);
        Caller found = null;
        for (Known known : tokens) {
            // Every configured token is compared, so the time taken says nothing about which one matched.
            if (MessageDigest.isEqual(presented, known.hash()) && found == null) {
                found = known.caller();
            }
        }
        if (found != null) {
            return Mono.just(new CallerAuthentication(found));
        }
        if (jwts != null && token.chars().filter(c -> c == '.').count() == 2) {
            return jwts.authenticate(new BearerTokenAuthenticationToken(token));
        }
        return Mono.error(new BadCredentialsException("the bearer token is not a known team or admin token"));
    }

    private static Caller caller(Jwt jwt, RegistryProperties.Jwt settings) {
        if (scopes(jwt).contains(settings.adminScope())) {
            return Caller.administrator();
        }
        Object team = jwt.getClaims().get(settings.teamClaim());
        if (team instanceof String name && io.mosaic.manifest.Names.slugProblem(name, "team").isEmpty()) {
            return Caller.ofTeam(name);
        }
        throw new InvalidBearerTokenException("the JWT has no team in its '" + settings.teamClaim() + "' claim");
    }

    private static Collection<String> scopes(Jwt jwt) {
        Object scope = jwt.getClaims().get("scope");
        if (scope instanceof String text) {
            return List.of(text.split(" "));
        }
        Object scp = jwt.getClaims().get("scp");
        if (scp instanceof Collection<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    static byte[] hash(String hex, String property) {
        if (hex == null || !hex.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalStateException(property + ".token-sha256 must be 64 hex digits (the SHA-256 of the token, "
                    + "for example from: printf %s TOKEN | sha256sum)");
        }
        return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
