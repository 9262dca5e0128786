package io.mosaic.gateway.resolve;

import io.mosaic.gateway.fetch.FetchFailure;
import io.mosaic.gateway.fetch.FetchedBody;
import io.mosaic.gateway.plan.FragmentPlan;

/**
 * Told what {@link FragmentResolver} decides, for whoever keeps account of it: the meters and
 * logs ({@link OutcomeRecorder}), the console's rolling view of each fragment. Called on the
 * page's path, in the request's MDC: an implementation records and returns, it never blocks and
 * never throws.
 */
public interface ResolutionListener {

    /** The origin answered {@code fragment} with new content (not a 304): its bytes and version. */
    default void answered(FragmentPlan fragment, FetchedBody body) {
    }

    /** A fetch in the background, revalidating a stored answer the page got meanwhile, failed. */
    default void revalidationFailed(FragmentPlan fragment, FetchFailure failure) {
    }

    /** The one outcome of {@code fragment} for the page request {@code requestId}. */
    void resolved(FragmentPlan fragment, FragmentOutcome outcome, String requestId);
}
