package io.mosaic.e2e.bench;

/** Sleeping that turns an interrupt (Ctrl-C) into a stop of the benchmark rather than a swallowed exception. */
final class Sleep {

    private Sleep() {
    }

    static void millis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
