package io.mosaic.gateway.registry;

import io.mosaic.gateway.registry.RegistryException.Refusal;
import java.util.Optional;

/**
 * Optimistic concurrency: a change names the revision it read ({@code If-Match}, the strong ETag)
 * or says it creates ({@code If-None-Match: *}), so two writers never overwrite each other
 * unnoticed. Checked inside the registry's write lock, against the row as it is now.
 */
final class Preconditions {

    /** What a kind of change must say. */
    enum Rule {
        /** A PUT: create with {@code If-None-Match: *}, replace with {@code If-Match}; one of them is required. */
        CREATE_OR_REPLACE,
        /** A removal: {@code If-Match} is required. */
        MATCH_REQUIRED,
        /** A restore, an incident control: optional, but checked when given (an operator in an incident should not have to read first). */
        OPTIONAL
    }

    private Preconditions() {
    }

    static void check(String name, Optional<StoredFragment> existing, Registrations.Precondition precondition, Rule rule) {
        String ifMatch = precondition.ifMatch();
        String ifNoneMatch = precondition.ifNoneMatch();
        if (existing.isEmpty()) {
            if (ifMatch != null) {
                throw new RegistryException(Refusal.STALE, "fragment '" + name
                        + "' does not exist, so If-Match cannot match; to create it send If-None-Match: *");
            }
            if (rule == Rule.CREATE_OR_REPLACE && !"*".equals(ifNoneMatch)) {
                throw new RegistryException(Refusal.PRECONDITION_REQUIRED, "creating fragment '" + name
                        + "' needs If-None-Match: * (so that an existing fragment is never overwritten by accident)");
            }
            return;
        }
        StoredFragment current = existing.get();
        if ("*".equals(ifNoneMatch)) {
            throw new RegistryException(Refusal.STALE, "fragment '" + name
                    + "' already exists (If-None-Match: *); to replace it send If-Match: " + current.etag());
        }
        if (ifMatch == null) {
            if (rule == Rule.OPTIONAL) {
                return;
            }
            throw new RegistryException(Refusal.PRECONDITION_REQUIRED, rule == Rule.MATCH_REQUIRED
                    ? "removing a fragment needs If-Match with its current ETag " + current.etag()
                    : "fragment '" + name + "' exists: replacing it needs If-Match with its current ETag " + current.etag());
        }
        if (!matches(ifMatch, current)) {
            throw stale(current);
        }
    }

    static boolean matches(String ifMatch, StoredFragment current) {
        for (String tag : ifMatch.split(",")) {
            String t = tag.trim();
            if (t.equals("*") || t.equals(current.etag())) {
                return true;
            }
        }
        return false;
    }

    static RegistryException stale(StoredFragment current) {
        return new RegistryException(Refusal.STALE, "fragment '" + current.name()
                + "' changed since you read it: it is now at ETag " + current.etag() + "; read it again and retry");
    }
}
