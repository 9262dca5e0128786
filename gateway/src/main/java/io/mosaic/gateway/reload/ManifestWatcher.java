package io.mosaic.gateway.reload;

import io.mosaic.gateway.plan.CompositionPlan;
import io.mosaic.gateway.plan.PlanCompiler;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.gateway.source.EffectiveManifest;
import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.Problem;
import io.mosaic.manifest.ReadResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Watches every definition source (the manifest file or directory, the registry) and applies a
 * valid change of the effective manifest as a whole: a new plan is built beside the old one and
 * swapped in one write. An invalid change is refused as a whole: every problem is logged, the
 * last good plan keeps serving, and {@link #status()} reports the manifest as out of date until a
 * valid version arrives.
 *
 * <p>A polled change is applied once its sources have held still for one poll interval, so that
 * a change written as several files of a manifest directory is read whole, never the first file
 * alone; a change that moves while it is being read is read again at the next poll. A source that
 * cannot be reached (the registry's database down) leaves the last good plan serving.
 */
public final class ManifestWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ManifestWatcher.class);

    /** What the watcher last saw. */
    public record Status(boolean upToDate, long appliedVersion, Instant appliedAt, Instant lastCheckedChange,
                         List<String> problems) {
    }

    private final EffectiveManifest sources;
    private final PlanCompiler compiler;
    private final PlanHolder plans;
    private final Duration interval;
    /** The revision last read, applied or refused: it is not read again until it changes. */
    private volatile String handled;
    /** The revision the previous poll saw; a change is read once two polls agree on it. */
    private volatile String polled;
    private volatile Status status;
    private volatile String unreachable;
    private ScheduledExecutorService scheduler;

    public ManifestWatcher(EffectiveManifest sources, PlanCompiler compiler, PlanHolder plans, String appliedRevision,
                           Duration interval) {
        this.sources = sources;
        this.compiler = compiler;
        this.plans = plans;
        this.interval = interval;
        this.handled = appliedRevision;
        this.polled = appliedRevision;
        CompositionPlan current = plans.current();
        this.status = new Status(true, current.version(), current.appliedAt(), current.appliedAt(), List.of());
    }

    public Status status() {
        return status;
    }

    /** Why a source could not be read at the last check; null while every source answers. */
    public String unreachable() {
        return unreachable;
    }

    /** One scheduled poll: reads a change once it has held still since the previous poll. */
    void poll() {
        String seen = revision();
        if (seen == null || seen.equals(handled)) {
            polled = seen;
            return;
        }
        boolean settled = seen.equals(polled);
        polled = seen;
        if (settled) {
            check();
        }
    }

    /** Asks for a check as soon as possible, off the caller's thread (after a registry change). */
    public void checkSoon() {
        ScheduledExecutorService running = scheduler;
        if (running != null && !running.isShutdown()) {
            running.execute(this::checkQuietly);
        }
    }

    /** Checks every source now; applies a change when it is valid. Returns whether a new plan was applied. */
    public synchronized boolean check() {
        String before = revision();
        if (before == null || before.equals(handled)) {
            return false;
        }
        EffectiveManifest.Snapshot snapshot;
        try {
            snapshot = sources.read();
        } catch (RuntimeException e) {
            unreachable(e);
            return false;
        }
        if (!snapshot.revision().equals(before)) {
            return false; // it moved while being read: read it whole at the next check
        }
        handled = snapshot.revision();
        ReadResult result = snapshot.result();
        CompositionPlan current = plans.current();
        if (!result.valid()) {
            List<String> problems = result.problems().stream().map(Problem::toString).toList();
            log.warn("manifest {} changed but is invalid; still serving version {} ({} problems):\n  {}",
                    sources.describe(), current.version(), problems.size(), String.join("\n  ", problems));
            status = new Status(false, current.version(), current.appliedAt(), Instant.now(), problems);
            return false;
        }
        CompositionPlan next;
        try {
            next = compiler.compile(result.orThrow(), sources.describe(), snapshot.registered(), snapshot.breakerControls(), current);
        } catch (RuntimeException e) {
            String problem = sources.describe() + ": the manifest is valid but its plan could not be built: " + e.getMessage();
            log.warn("{}; still serving version {}", problem, current.version(), e);
            status = new Status(false, current.version(), current.appliedAt(), Instant.now(), List.of(problem));
            return false;
        }
        plans.apply(next);
        status = new Status(true, next.version(), next.appliedAt(), Instant.now(), List.of());
        log.info("manifest {} applied as version {}: {} pages, {} fragments{}", sources.describe(), next.version(),
                next.pages().size(), next.fragments().size(), describeChanges(current, next));
        return true;
    }

    private String revision() {
        try {
            String revision = sources.revision();
            if (unreachable != null) {
                log.info("every definition source answers again");
                unreachable = null;
            }
            return revision;
        } catch (RuntimeException e) {
            unreachable(e);
            return null;
        }
    }

    private void unreachable(RuntimeException e) {
        String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (unreachable == null) {
            log.warn("a definition source cannot be read; still serving version {}: {}", plans.current().version(), reason);
        }
        unreachable = reason;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            log.warn("checking {} failed", sources.describe(), e);
        }
    }

    private static String describeChanges(CompositionPlan before, CompositionPlan after) {
        List<String> changes = new ArrayList<>();
        Set<String> added = new TreeSet<>(after.pages().keySet());
        added.removeAll(before.pages().keySet());
        Set<String> removed = new TreeSet<>(before.pages().keySet());
        removed.removeAll(after.pages().keySet());
        if (!added.isEmpty()) {
            changes.add("pages added " + added);
        }
        if (!removed.isEmpty()) {
            changes.add("pages removed " + removed);
        }
        Set<String> changedFragments = new TreeSet<>();
        after.fragments().forEach((name, plan) -> {
            var old = before.fragments().get(name);
            FragmentDefinition was = old == null ? null : old.definition();
            if (!Objects.equals(was, plan.definition())) {
                changedFragments.add(name + (old != null && old.breaker() != plan.breaker() ? " (breaker reset)" : ""));
            }
        });
        if (!changedFragments.isEmpty()) {
            changes.add("fragments changed " + changedFragments);
        }
        return changes.isEmpty() ? "" : "; " + String.join("; ", changes);
    }

    @Override
    public void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "manifest-watcher");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                poll();
            } catch (RuntimeException e) {
                log.warn("checking {} failed", sources.describe(), e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null && !scheduler.isShutdown();
    }
}
