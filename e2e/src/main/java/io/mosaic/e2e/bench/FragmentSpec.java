package io.mosaic.e2e.bench;

import java.net.URI;
import java.time.Duration;

/**
 * One fragment as both composers are told about it: the same origin URL and the same deadline.
 *
 * @param name the fragment's name (the gateway manifest's, and the nginx location's {@code /_f/NAME})
 * @param url its origin
 * @param timeout the whole fetch's deadline in the gateway; each of connect, send and read in nginx
 * @param circuitBreaker the gateway manifest's {@code circuitBreaker} in YAML flow style, or null for the defaults
 * @param marker the end marker its answer carries, or null when its origin never answers
 */
record FragmentSpec(String name, URI url, Duration timeout, String circuitBreaker, String marker) {

    /** The fallback both composers show in place of a failed fragment. */
    static final String FALLBACK = "<p class=\"bench-fallback\">This part is unavailable right now.</p>";

    boolean healthy() {
        return marker != null;
    }
}
