package io.mosaic.manifest.internal;

import io.mosaic.manifest.Assets;
import io.mosaic.manifest.BulkheadSettings;
import io.mosaic.manifest.CircuitBreakerSettings;
import io.mosaic.manifest.Forwarding;
import io.mosaic.manifest.ProxyPath;
import io.mosaic.manifest.SlotDefinition;
import io.mosaic.manifest.Trust;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What one file says, bound field by field but not yet merged with the other files or checked
 * across fragments and pages. A field that failed to bind is null; its problem is already recorded.
 */
final class Drafts {

    private Drafts() {
    }

    /** The settings a fragment (or the defaults) may override; null means "inherit". */
    record Overrides(Duration timeout, Long maxBodySize, Duration staleFor, Duration cacheFor,
                     BreakerOverrides circuitBreaker, Integer bulkheadMaxConcurrent, Long maxRequestBody) {
        static final Overrides NONE = new Overrides(null, null, null, null, BreakerOverrides.NONE, null, null);
    }

    record BreakerOverrides(Position at, Integer failureRate, Integer window, Integer minimumCalls, Duration openFor,
                            Integer halfOpenCalls, Boolean countClientErrors) {
        static final BreakerOverrides NONE = new BreakerOverrides(null, null, null, null, null, null, null);

        CircuitBreakerSettings applyTo(CircuitBreakerSettings base) {
            return new CircuitBreakerSettings(
                    failureRate != null ? failureRate : base.failureRate(),
                    window != null ? window : base.window(),
                    minimumCalls != null ? minimumCalls : base.minimumCalls(),
                    openFor != null ? openFor : base.openFor(),
                    halfOpenCalls != null ? halfOpenCalls : base.halfOpenCalls(),
                    countClientErrors != null ? countClientErrors : base.countClientErrors());
        }
    }

    static BulkheadSettings bulkhead(Integer override, BulkheadSettings base) {
        return override != null ? new BulkheadSettings(override) : base;
    }

    record FragmentDraft(Position at, Position nameAt, String name, String team, URI url, String fallback,
                         Assets assets, List<ProxyPath> proxy, Overrides overrides, boolean async, List<MountDraft> mounts,
                         Forwarding forward, Trust trust) {
    }

    /**
     * One entry of a fragment's {@code mount}; {@code page} or {@code slot} is null when it did not bind.
     * {@code at} is the entry itself, {@code pageAt} and {@code slotAt} its fields (or the entry when missing).
     */
    record MountDraft(Position at, String page, Position pageAt, String slot, Position slotAt, int order) {
    }

    /** A fragment named in a slot or as primary, and where. */
    record Reference(String name, Position at) {
    }

    record SlotDraft(String name, Position at, SlotDefinition definition, List<Reference> references) {
    }

    record PageDraft(Position at, String path, Position pathAt, String title, String layout, Position layoutAt,
                     Reference primary, List<SlotDraft> slots) {
    }

    /** One file. {@code version} is null when missing or invalid. */
    record Part(String file, Integer version, Overrides defaults, Position defaultsAt,
                List<FragmentDraft> fragments, List<PageDraft> pages) {
    }
}
