package io.mosaic.e2e.bench;

import java.time.Duration;

/**
 * A scenario measured under load: wrk on one page of every composer in turn.
 *
 * @param name its name in the results, such as {@code fast-20}
 * @param page the page loaded
 * @param description what the page is made of, for the results' heading
 * @param warmUp the wrk run before the measured one
 * @param measured the measured wrk run
 */
record LoadScenario(String name, PageSpec page, String description, Duration warmUp, Duration measured) {

    /** Fragment fetches a page needs when nothing is cached. */
    int fragmentsPerPage() {
        return page.fragments().size();
    }

    /** wrk's threads: one per connection when every connection is a user of its own. */
    int wrkThreads() {
        Wrk.Variation variation = Wrk.Variation.of(page);
        return variation == null ? Options.WRK_THREADS : variation.threads();
    }
}
