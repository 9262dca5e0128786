package io.mosaic.gateway.registry.api;

import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * The actuator's bearer tokens: the operator's metrics token ({@code ROLE_METRICS}, which the
 * actuator's chain lets scrape and nothing else, and no other chain knows), else a team's or the
 * admin's token as the API reads them.
 */
final class ActuatorAuthentication implements ReactiveAuthenticationManager {

    static final String METRICS_ROLE = "METRICS";

    private final byte[] metricsHash;
    private final ReactiveAuthenticationManager tokens;

    /**
     * @param metricsTokenSha256 the metrics token's SHA-256 in hex, or null for none
     * @param tokens the API's tokens
     */
    ActuatorAuthentication(String metricsTokenSha256, ReactiveAuthenticationManager tokens) {
        this.metricsHash = metricsTokenSha256 == null ? null : TokenAuthentication.hash(metricsTokenSha256, "mosaic.control.metrics");
        this.tokens = tokens;
    }

    @Override
    public Mono<Authentication> authenticate(Authentication authentication) {
        if (metricsHash != null && authentication instanceof BearerTokenAuthenticationToken bearer
                && MessageDigest.isEqual(TokenAuthentication.sha256(bearer.getToken()), metricsHash)) {
            return Mono.just(new PreAuthenticatedAuthenticationToken("metrics", "",
                    List.of(new SimpleGrantedAuthority("ROLE_" + METRICS_ROLE))));
        }
        return tokens.authenticate(authentication);
    }
}
