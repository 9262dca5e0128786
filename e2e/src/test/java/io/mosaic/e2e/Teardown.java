package io.mosaic.e2e;

/**
 * Stops what a test class started, for its {@code @AfterAll}: each resource in the order given
 * (the browser, then the gateway, then the origins it fetched from), skipping any that never
 * started (null). Every one is closed even when an earlier one fails; the first failure is
 * thrown, with the others suppressed.
 */
final class Teardown {

    private Teardown() {
    }

    static void close(AutoCloseable... resources) throws Exception {
        Exception failure = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
