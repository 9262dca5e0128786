package io.mosaic.gateway.handler;

import io.mosaic.gateway.fetch.FetchFailure;
import io.mosaic.gateway.resolve.FragmentOutcome;
import org.springframework.http.HttpStatus;

/**
 * The page's status, decided by its primary fragment alone: a 404 or 410 from it stays a 404 or
 * 410; a failure with nothing to show in its place is a 503; anything else, and any other
 * fragment's trouble, leaves the page at 200.
 */
final class PageStatus {

    private PageStatus() {
    }

    static HttpStatus of(FragmentOutcome primary) {
        if (primary == null) {
            return HttpStatus.OK;
        }
        FetchFailure failure = primary.failure();
        if (failure != null && (failure.status() == 404 || failure.status() == 410)) {
            return HttpStatus.valueOf(failure.status());
        }
        if (primary instanceof FragmentOutcome.Failed) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        return HttpStatus.OK;
    }
}
