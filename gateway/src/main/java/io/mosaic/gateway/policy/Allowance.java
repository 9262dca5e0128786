package io.mosaic.gateway.policy;

import io.mosaic.manifest.Reach;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What of what a fragment declares it actually receives, by {@link Reach}'s one list: the
 * operator decides. A fragment of the operator's own manifest file receives every header and
 * cookie it declares (bar the framing and hop-by-hop headers no fragment may declare); a fragment
 * a team registered receives a declared credential, client-address header or gateway cookie only
 * when the operator granted it to that team ({@code mosaic.registry.teams.TEAM.may-receive}). The
 * registration API refuses such a declaration up front; this holds at run time too, so a grant the
 * operator withdraws takes effect at the next reload even for fragments registered before.
 *
 * @param operators whether the fragment is the operator's (from the manifest file)
 * @param granted the header and cookie names the operator granted the fragment's team, lowercase
 * @param sessionCookie the name of the console's session cookie, one of the gateway's own
 */
public record Allowance(boolean operators, Set<String> granted, String sessionCookie) {

    /** The console session cookie's name unless the operator renames it ({@code server.reactive.session.cookie.name}). */
    public static final String SESSION_COOKIE = "mosaic-console";

    /** A fragment of the operator's manifest file. */
    public static final Allowance OPERATOR = new Allowance(true, Set.of(), SESSION_COOKIE);

    public Allowance {
        granted = granted.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** A fragment a team registered, whose team the operator granted {@code granted}. */
    public static Allowance registered(Set<String> granted, String sessionCookie) {
        return new Allowance(false, granted, sessionCookie);
    }

    /** Whether a declared request header {@code name} reaches the fragment's origin. */
    public boolean mayReceiveHeader(String name) {
        return switch (Reach.kind(name)) {
            case NEVER -> false;
            case OTHER, IDENTITY -> true;
            case CREDENTIAL -> operators || granted.contains(name.toLowerCase(Locale.ROOT));
        };
    }

    /** Whether a declared cookie {@code name} reaches the fragment's origin. */
    public boolean mayReceiveCookie(String name) {
        return !Reach.isGatewayCookie(name, sessionCookie) || operators || granted.contains(name.toLowerCase(Locale.ROOT));
    }
}
