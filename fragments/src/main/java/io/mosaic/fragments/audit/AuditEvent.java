package io.mosaic.fragments.audit;

import java.time.Instant;

/**
 * One administrator action.
 *
 * @param actor who did it
 * @param action what they did, as a verb phrase: {@code deactivated}, {@code changed the role of}
 * @param target what they did it to
 * @param at when
 */
record AuditEvent(String actor, String action, String target, Instant at) {
}
