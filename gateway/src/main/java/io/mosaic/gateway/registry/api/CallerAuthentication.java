package io.mosaic.gateway.registry.api;

import io.mosaic.gateway.registry.Caller;
import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated registry caller: a team ({@code ROLE_TEAM}) or an admin ({@code ROLE_ADMIN}). */
public final class CallerAuthentication extends AbstractAuthenticationToken {

    private final Caller caller;

    CallerAuthentication(Caller caller) {
        super(List.of(new SimpleGrantedAuthority(caller.admin() ? "ROLE_ADMIN" : "ROLE_TEAM")));
        this.caller = caller;
        setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Caller getPrincipal() {
        return caller;
    }

    @Override
    public String getName() {
        return caller.actor();
    }
}
