package io.mosaic.gateway.fetch;

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

    /** The value of the box's {@code data-fragment-state}. */
    String state();

    /** Fresh content from the origin. */
    record Fresh(String name, ParsedFragment content, Duration latency) implements FragmentOutcome {
        @Override
        public String state() {
            return "ok";
        }
    }

    /** The origin failed; the last good copy stands in. */
    record Stale(String name, ParsedFragment content, Duration age, FetchFailure cause) implements FragmentOutcome {
        @Override
        public String state() {
            return "stale";
        }
    }

    /** The origin failed and no recent copy exists; the manifest's fallback (or the origin's own 404 page) stands in. */
    record Fallback(String name, ParsedFragment content, FetchFailure cause) implements FragmentOutcome {
        @Override
        public String state() {
            return "fallback";
        }
    }

    /** The origin failed and there is nothing to show. */
    record Failed(String name, FetchFailure cause) implements FragmentOutcome {
        @Override
        public ParsedFragment content() {
            return ParsedFragment.empty();
        }

        @Override
        public String state() {
            return "error";
        }
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
