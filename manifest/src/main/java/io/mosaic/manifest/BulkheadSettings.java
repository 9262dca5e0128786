package io.mosaic.manifest;

/**
 * How many fetches of one fragment may be in flight at once; a fetch beyond that gets the
 * fallback at once instead of queuing, so one slow origin cannot hold every connection.
 *
 * @param maxConcurrent calls in flight to this fragment's origin, 1 to 10000
 */
public record BulkheadSettings(int maxConcurrent) {

    /** The built-in default: 64 fetches in flight per fragment. */
    public static final BulkheadSettings BUILT_IN = new BulkheadSettings(64);
}
