package io.mosaic.gateway.policy;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who decides what a fragment may receive of the browser's credentials: the operator. A fragment
 * of the operator's own manifest file receives every header and cookie it declares (bar the
 * framing and hop-by-hop headers no fragment may declare); a fragment a team registered receives a
 * declared credential, client-address header or gateway cookie only when the operator granted it
 * to that team ({@code mosaic.registry.teams.TEAM.may-receive}). The registration API refuses such
 * a declaration up front; this holds at run time too, so a grant the operator withdraws takes
 * effect at the next reload even for fragments registered before.
 *
 * @param operators whether the fragment is the operator's (from the manifest file)
 * @param granted the header and cookie names the operator granted the fragment's team, lowercase
 */
public record Reach(boolean operators, Set<String> granted) {

    /** A fragment of the operator's manifest file. */
    public static final Reach OPERATOR = new Reach(true, Set.of());

    public Reach {
        granted = granted.stream().map(name -> name.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** A fragment a team registered, whose team the operator granted {@code granted}. */
    public static Reach registered(Set<String> granted) {
        return new Reach(false, granted);
    }

    /** Whether a declared request header {@code name} reaches the fragment's origin. */
    public boolean mayReceiveHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (Credentials.kindOfHeader(lower)) {
            case NEVER -> false;
            case ORDINARY, IDENTITY -> true;
            case CREDENTIAL -> operators || granted.contains(lower);
        };
    }

    /** Whether a declared cookie {@code name} reaches the fragment's origin. */
    public boolean mayReceiveCookie(String name) {
        return !Credentials.isGatewayCookie(name) || operators || granted.contains(name.toLowerCase(Locale.ROOT));
    }
}
