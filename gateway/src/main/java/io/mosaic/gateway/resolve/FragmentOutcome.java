package io.mosaic.gateway.resolve;

import io.mosaic.gateway.fetch.FetchFailure;
import io.mosaic.gateway.html.ParsedFragment;
import java.time.Duration;

/**
 * What one fragment contributes to one page, decided once per fetch: fresh content, the last
 * good copy, the manifest's fallback, or an empty marked box (like Tailor's one of response,
 * fallback or error per fragment).
 */
public sealed interface FragmentOutcome {

    /** The fragment's name. */
    String name();

    /** The markup to put in the fragment's box. */
    ParsedFragment content();

    /** What the page got: the box's {@code data-fragment-state}, the console's word, the {@code outcome} tag of the metrics. */
    State state();

    /**
     * The states of a fragment's box, written the same wherever they show: the box's
     * {@code data-fragment-state} (which the layouts' CSS styles), the console, the
     * {@code mosaic.fragment.outcomes} metric's {@code outcome} tag, the {@code Server-Timing} header.
     */
    enum State {
        /** Good content, fetched now or stored ({@link Fresh}). */
        OK("ok"),
        /** The origin failed; the last good copy stands in ({@link Stale}). */
        STALE("stale"),
        /** The origin failed; the manifest's fallback, or the origin's own 404 page, stands in ({@link Fallback}). */
        FALLBACK("fallback"),
        /** The origin failed and there is nothing to show ({@link Failed}). */
        ERROR("error"),
        /** Not an outcome yet: the placeholder of a non-blocking fragment, whose content comes at the end of the page. */
        PENDING("pending");

        private final String id;

        State(String id) {
            this.id = id;
        }

        /** As the markup, the console and the metrics write it. */
        public String id() {
            return id;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /**
     * Good content: fetched now, or a stored answer HTTP's rules allow (see {@code Reuse}).
     *
     * @param latency how long the fetch took; zero when the origin was not asked
     * @param use where the content came from
     */
    record Fresh(String name, ParsedFragment content, Duration latency, CacheUse use) implements FragmentOutcome {

        public Fresh(String name, ParsedFragment content, Duration latency) {
            this(name, content, latency, CacheUse.MISS);
        }

        @Override
        public State state() {
            return State.OK;
        }

        /** Whether the origin answered this request (a miss or a 304), so its latency says something. */
        public boolean fetched() {
            return use == CacheUse.MISS || use == CacheUse.REVALIDATED;
        }
    }

    /** Where good content came from, the value of the box's {@code data-fragment-cache}. */
    enum CacheUse {
        /** Fetched now: nothing stored could be used. */
        MISS,
        /** A stored answer still fresh: the origin was not asked. */
        HIT,
        /** A stored answer the origin confirmed with a 304. */
        REVALIDATED,
        /** A stored answer past its freshness, served while a fetch in the background revalidates it. */
        STALE;

        private final String label = name().toLowerCase(java.util.Locale.ROOT);

        public String label() {
            return label;
        }
    }

    /** The origin failed; the last good copy stands in. */
    record Stale(String name, ParsedFragment content, Duration age, FetchFailure cause) implements FragmentOutcome {
        @Override
        public State state() {
            return State.STALE;
        }
    }

    /** The origin failed and no recent copy exists; the manifest's fallback (or the origin's own 404 page) stands in. */
    record Fallback(String name, ParsedFragment content, FetchFailure cause) implements FragmentOutcome {
        @Override
        public State state() {
            return State.FALLBACK;
        }
    }

    /** The origin failed and there is nothing to show. */
    record Failed(String name, FetchFailure cause) implements FragmentOutcome {
        @Override
        public ParsedFragment content() {
            return ParsedFragment.empty();
        }

        @Override
        public State state() {
            return State.ERROR;
        }
    }

    /** The box's {@code data-fragment-cache}: hit, miss, revalidated or stale; null for a fallback or an empty box. */
    default String cache() {
        if (this instanceof Fresh f) {
            return f.use().label();
        }
        return this instanceof Stale ? CacheUse.STALE.label() : null;
    }

    /** Why the origin's answer was not used, when it was not. */
    default FetchFailure failure() {
        if (this instanceof Stale s) {
            return s.cause();
        }
        if (this instanceof Fallback f) {
            return f.cause();
        }
        if (this instanceof Failed f) {
            return f.cause();
        }
        return null;
    }
}
