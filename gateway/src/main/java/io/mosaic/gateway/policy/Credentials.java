package io.mosaic.gateway.policy;

import java.util.Locale;
import java.util.Set;

/** Temporary: the header kinds, until the manifest's one list replaces it. */
final class Credentials {

    enum Kind { ORDINARY, IDENTITY, CREDENTIAL, NEVER }

    private static final Set<String> IDENTITY = Set.of("x-forwarded-user", "x-auth-request-user", "x-auth-request-email",
            "x-auth-request-groups", "x-auth-request-preferred-username");
    private static final Set<String> NEVER = Set.of("host", "cookie", "content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer");

    private Credentials() {
    }

    static Kind kindOfHeader(String lower) {
        if (NEVER.contains(lower)) {
            return Kind.NEVER;
        }
        if (IDENTITY.contains(lower)) {
            return Kind.IDENTITY;
        }
        if (lower.equals("authorization") || lower.startsWith("proxy-") || lower.startsWith("x-auth-request-")
                || lower.startsWith("x-forwarded-") || lower.equals("forwarded") || lower.equals("x-real-ip")) {
            return Kind.CREDENTIAL;
        }
        return Kind.ORDINARY;
    }

    static boolean isGatewayCookie(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("mosaic-") || name.equals("SESSION");
    }
}
