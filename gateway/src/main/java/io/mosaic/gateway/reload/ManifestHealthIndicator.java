package io.mosaic.gateway.reload;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * The manifest's part of {@code /actuator/health}: UP while the file on disk is the one being
 * served, OUT_OF_DATE (still answering 200: the last good manifest serves) with every problem
 * while a change is refused.
 */
public final class ManifestHealthIndicator extends AbstractHealthIndicator {

    /** The file changed but could not be applied; the previous version still serves. */
    public static final Status OUT_OF_DATE = new Status("OUT_OF_DATE", "the manifest on disk is invalid; the last valid one serves");

    private final ManifestWatcher watcher;
    private final String source;

    public ManifestHealthIndicator(ManifestWatcher watcher, String source) {
        this.watcher = watcher;
        this.source = source;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        ManifestWatcher.Status status = watcher.status();
        builder.status(status.upToDate() ? Status.UP : OUT_OF_DATE)
                .withDetail("source", source)
                .withDetail("version", status.appliedVersion())
                .withDetail("appliedAt", status.appliedAt().toString());
        if (!status.upToDate()) {
            builder.withDetail("refusedAt", status.lastCheckedChange().toString()).withDetail("problems", status.problems());
        }
    }
}
