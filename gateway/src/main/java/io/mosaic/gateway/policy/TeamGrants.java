package io.mosaic.gateway.policy;

import io.mosaic.manifest.Trust;
import java.util.Set;

/**
 * What the operator grants each team's registered fragments: the highest trust level and the
 * credentials they may receive. Trust above {@code standard} is granted, never claimed: a team
 * registers what it likes, and the plan holds its fragments to what the operator set, whatever was
 * stored (the registration API refuses more up front). The operator's manifest file is not held to
 * these: its fragments are the operator's own.
 */
public interface TeamGrants {

    /** The highest trust of a team the operator set nothing for: {@code standard}. */
    Trust DEFAULT_MAX_TRUST = Trust.STANDARD;

    /** No grants: every team at {@code standard}, receiving no credentials. */
    TeamGrants NONE = new TeamGrants() {
        @Override
        public Trust maxTrust(String team) {
            return DEFAULT_MAX_TRUST;
        }

        @Override
        public Set<String> mayReceive(String team) {
            return Set.of();
        }
    };

    /** The highest trust {@code team}'s registered fragments may have. */
    Trust maxTrust(String team);

    /** The credential headers and gateway cookies {@code team}'s registered fragments may receive, by name. */
    Set<String> mayReceive(String team);

    /** The console's session cookie, one of the gateway's own cookies a team's fragment receives only if granted. */
    default String sessionCookie() {
        return Allowance.SESSION_COOKIE;
    }

    /** {@code declared}, lowered to at most {@code max} ({@code trusted} is the highest, {@code untrusted} the lowest). */
    static Trust atMost(Trust declared, Trust max) {
        return declared.ordinal() < max.ordinal() ? max : declared;
    }
}
