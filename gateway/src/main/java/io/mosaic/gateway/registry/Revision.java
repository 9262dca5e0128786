package io.mosaic.gateway.registry;

import java.time.Instant;

/**
 * One version a registered fragment had.
 *
 * @param name the fragment's name
 * @param revision the version number
 * @param team the owning team at that version
 * @param document the fragment document; null for a removal
 * @param action what made it: create, update, restore, delete
 * @param createdAt when
 * @param createdBy who
 */
public record Revision(String name, long revision, String team, String document, String action, Instant createdAt,
                       String createdBy) {
}
