package io.mosaic.gateway.registry;

import io.mosaic.gateway.reload.ManifestWatcher;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The registry's part of {@code /actuator/health}: DOWN while its database cannot be read (the
 * gateway keeps serving the last good plan, and the API answers 503), UP with its revision
 * otherwise. It reports what the watcher's last poll saw, so a health check costs no query.
 */
public final class RegistryHealthIndicator extends AbstractHealthIndicator {

    private final ManifestWatcher watcher;
    private final String description;

    public RegistryHealthIndicator(ManifestWatcher watcher, String description) {
        this.watcher = watcher;
        this.description = description;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        String unreachable = watcher.unreachable();
        builder.withDetail("store", description);
        if (unreachable != null) {
            builder.down().withDetail("error", unreachable);
        } else {
            builder.up();
        }
    }
}
