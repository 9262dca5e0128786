package io.mosaic.fragments.audit;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;

/** The workspace's audit log, held in memory for the demo. */
@Component
class AuditLog {

    private final List<AuditEvent> events = List.of(
            event("Dev Patel", "invited", "Priya Raman as a guest", "2026-11-17T10:05:00Z"),
            event("Lena Fischer", "updated the billing contact to", "finance@northwind.chat", "2026-11-18T08:41:00Z"),
            event("Alice Moreau", "exported", "the member list (CSV)", "2026-11-19T16:22:00Z"),
            event("Dev Patel", "shortened the session length to", "12 hours", "2026-11-20T09:30:00Z"),
            event("Bjørn Halvorsen", "created the channel", "#incident-2211", "2026-11-22T02:13:00Z"),
            event("Alice Moreau", "deactivated", "Mateo García", "2026-11-24T17:48:00Z"),
            event("Lena Fischer", "added 10 seats to", "the Business+ plan", "2026-11-25T11:02:00Z"),
            event("Bjørn Halvorsen", "rotated the SAML certificate for", "Northwind Identity", "2026-11-26T14:37:00Z"),
            event("Dev Patel", "changed the role of", "Grace Kim to Member", "2026-11-27T09:12:00Z"),
            event("Alice Moreau", "deactivated", "Hiroshi Tanaka", "2026-11-27T15:55:00Z"),
            event("Dev Patel", "added", "northwind-labs.example to allowed domains", "2026-11-28T08:20:00Z"),
            event("Lena Fischer", "downloaded", "invoice NW-2026-11", "2026-11-28T10:47:00Z"));

    /** The {@code limit} most recent events, newest first. */
    List<AuditEvent> recent(int limit) {
        return this.events.stream().sorted(Comparator.comparing(AuditEvent::at).reversed()).limit(limit).toList();
    }

    private static AuditEvent event(String actor, String action, String target, String at) {
        return new AuditEvent(actor, action, target, Instant.parse(at));
    }

}
