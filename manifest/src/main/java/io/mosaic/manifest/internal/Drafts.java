package io.mosaic.manifest.internal;

import io.mosaic.manifest.BulkheadSettings;
import io.mosaic.manifest.CircuitBreakerSettings;
import io.mosaic.manifest.Defaults;
import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.SlotDefinition;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one file says, bound field by field but not yet merged with the other files or checked
 * across fragments and pages. A field that failed to bind is null; its problem is already recorded.
 */
final class Drafts {

    private Drafts() {
    }

    /**
     * The settings a fragment (or the defaults) may override; null means "inherit". The circuit
     * breaker is merged apart, since the merged breaker is checked as a whole.
     */
    record Overrides(Duration timeout, Long maxBodySize, Duration staleFor, Duration cacheFor,
                     BreakerOverrides circuitBreaker, Integer bulkheadMaxConcurrent, Long maxRequestBody) {
        static final Overrides NONE = new Overrides(null, null, null, null, BreakerOverrides.NONE, null, null);

        /** The manifest's defaults: {@code base} with these overrides and the merged {@code breaker}. */
        Defaults applyTo(Defaults base, CircuitBreakerSettings breaker) {
            return new Defaults(
                    timeout != null ? timeout : base.timeout(),
                    maxBodySize != null ? maxBodySize : base.maxBodySize(),
                    staleFor != null ? staleFor : base.staleFor(),
                    breaker,
                    bulkhead(bulkheadMaxConcurrent, base.bulkhead()),
                    maxRequestBody != null ? maxRequestBody : base.maxRequestBody(),
                    cacheFor != null ? cacheFor : base.cacheFor());
        }

        /** Sets on {@code fragment} (already holding the defaults) what these overrides set, except the breaker. */
        void applyTo(FragmentDefinition.Builder fragment) {
            if (timeout != null) {
                fragment.timeout(timeout);
            }
            if (maxBodySize != null) {
                fragment.maxBodySize(maxBodySize);
            }
            if (staleFor != null) {
                fragment.staleFor(staleFor);
            }
            if (cacheFor != null) {
                fragment.cacheFor(cacheFor);
            }
            if (bulkheadMaxConcurrent != null) {
                fragment.bulkhead(new BulkheadSettings(bulkheadMaxConcurrent));
            }
            if (maxRequestBody != null) {
                fragment.maxRequestBody(maxRequestBody);
            }
        }
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

    /**
     * One fragment. The fields that other checks read (name, team, url, overrides, mounts) are
     * components; every other field the fragment sets is one of {@code sets}, applied in order to
     * a builder that already holds the defaults and the overrides. So a new field that is not a
     * default needs no change here or in the resolver: the binder adds its setter.
     */
    record FragmentDraft(Position at, Position nameAt, String name, String team, URI url, Overrides overrides,
                         List<MountDraft> mounts, List<Consumer<FragmentDefinition.Builder>> sets) {
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
