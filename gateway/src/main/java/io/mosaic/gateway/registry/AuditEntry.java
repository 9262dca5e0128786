package io.mosaic.gateway.registry;

import java.time.Instant;

/**
 * One change of the registry, as the append-only audit log keeps it.
 *
 * @param id its place in the log
 * @param at when the change committed
 * @param actor who made it: {@code team:NAME} or {@code admin}
 * @param team the fragment's owning team
 * @param action create, update, restore or delete
 * @param fragment the fragment's name
 * @param before the fragment document before; null when created
 * @param after the fragment document after; null when removed
 * @param requestId the API request's id
 */
public record AuditEntry(long id, Instant at, String actor, String team, String action, String fragment, String before,
                         String after, String requestId) {
}
