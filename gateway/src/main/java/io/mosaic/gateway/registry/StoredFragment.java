package io.mosaic.gateway.registry;

import java.time.Instant;

/**
 * A registered fragment as the registry holds it.
 *
 * @param name the fragment's name
 * @param team the owning team
 * @param document the fragment document (JSON), as validated and stored
 * @param revision its version: rises with every change; its ETag
 * @param enabled whether it is part of the effective manifest
 * @param createdAt when it was first registered
 * @param updatedAt when it last changed
 * @param updatedBy who changed it last ({@code team:NAME} or {@code admin})
 */
public record StoredFragment(String name, String team, String document, long revision, boolean enabled,
                             Instant createdAt, Instant updatedAt, String updatedBy) {

    /** The strong ETag of this revision. */
    public String etag() {
        return "\"" + revision + "\"";
    }
}
