package io.mosaic.gateway.observe;

import io.mosaic.gateway.fetch.FetchedBody;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.resolve.FragmentOutcome;
import io.mosaic.gateway.resolve.ResolutionListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Rolling per-fragment state kept from the resolver's outcome events: what the console and its
 * live updates read. A consumer of the composition, never a part of it: recording an outcome
 * takes a few field writes, and nothing on the page's path waits for a reader.
 */
public final class Observations implements ResolutionListener {

    private final LongSupplier clockMillis;
    private final Map<String, FragmentActivity> fragments = new ConcurrentHashMap<>();
    private final Map<String, String> versions = new ConcurrentHashMap<>();

    public Observations(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    @Override
    public void answered(FragmentPlan fragment, FetchedBody body) {
        version(fragment.name(), body.version());
    }

    @Override
    public void resolved(FragmentPlan fragment, FragmentOutcome outcome, String requestId) {
        record(outcome);
    }

    /** Records one resolved outcome. */
    public void record(FragmentOutcome outcome) {
        FragmentActivity activity = fragments.computeIfAbsent(outcome.name(), name -> new FragmentActivity(clockMillis));
        if (outcome instanceof FragmentOutcome.Fresh fresh) {
            // A stored answer served without asking the origin has no latency to tell.
            activity.fresh(fresh.fetched() ? fresh.latency().toNanos() / 1000 : -1, fresh.use());
        } else {
            activity.failed(outcome.state(), outcome.failure());
        }
    }

    /** Notes the version an origin answered with ({@code X-Fragment-Version}); null or blank is ignored. */
    public void version(String fragment, String version) {
        if (version != null && !version.isBlank() && version.length() <= 64 && !version.equals(versions.get(fragment))) {
            versions.put(fragment, version);
        }
    }

    /** The version {@code fragment}'s origin last answered with, or null. */
    public String version(String fragment) {
        return versions.get(fragment);
    }

    /** The last outcomes of {@code fragment}, newest first (at most twenty); empty when it was never resolved. */
    public List<RecentOutcome> recent(String fragment) {
        FragmentActivity activity = fragments.get(fragment);
        return activity == null ? List.of() : activity.recent();
    }

    /** The last minute of {@code fragment}; empty figures when it was never resolved. */
    public ActivitySnapshot snapshot(String fragment) {
        FragmentActivity activity = fragments.get(fragment);
        return activity == null ? new FragmentActivity(clockMillis).snapshot(fragment) : activity.snapshot(fragment);
    }
}
