package io.mosaic.gateway.reload;

import io.mosaic.gateway.config.ManifestSource;
import io.mosaic.gateway.plan.CompositionPlan;
import io.mosaic.gateway.plan.PlanCompiler;
import io.mosaic.gateway.plan.PlanHolder;
import io.mosaic.manifest.FragmentDefinition;
import io.mosaic.manifest.Problem;
import io.mosaic.manifest.ReadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Watches the manifest file or directory and applies a valid change as a whole: a new plan is
 * built beside the old one and swapped in one write. An invalid change is refused as a whole:
 * every problem is logged, the last good plan keeps serving, and {@link #status()} reports the
 * manifest as out of date until a valid version arrives.
 *
 * <p>Polls file names, sizes and modification times rather than relying on file-system events,
 * which miss the atomic renames editors and config-map updates make.
 */
public final class ManifestWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ManifestWatcher.class);

    /** What the watcher last saw. */
    public record Status(boolean upToDate, long appliedVersion, Instant appliedAt, Instant lastCheckedChange,
                         List<String> problems) {
    }

    private final ManifestSource source;
    private final PlanCompiler compiler;
    private final PlanHolder plans;
    private final Duration interval;
    private volatile Map<String, String> fingerprint;
    private volatile Status status;
    private ScheduledExecutorService scheduler;

    public ManifestWatcher(ManifestSource source, PlanCompiler compiler, PlanHolder plans, Duration interval) {
        this.source = source;
        this.compiler = compiler;
        this.plans = plans;
        this.interval = interval;
        this.fingerprint = fingerprint(source.path());
        CompositionPlan current = plans.current();
        this.status = new Status(true, current.version(), current.appliedAt(), current.appliedAt(), List.of());
    }

    public Status status() {
        return status;
    }

    /** Checks the manifest now; applies it when it changed and is valid. Returns whether a new plan was applied. */
    public synchronized boolean check() {
        Map<String, String> seen = fingerprint(source.path());
        if (seen.equals(fingerprint)) {
            return false;
        }
        fingerprint = seen;
        ReadResult result = source.read();
        CompositionPlan current = plans.current();
        if (!result.valid()) {
            List<String> problems = result.problems().stream().map(Problem::toString).toList();
            log.warn("manifest {} changed but is invalid; still serving version {} ({} problems):\n  {}",
                    source.describe(), current.version(), problems.size(), String.join("\n  ", problems));
            status = new Status(false, current.version(), current.appliedAt(), Instant.now(), problems);
            return false;
        }
        CompositionPlan next;
        try {
            next = compiler.compile(result.orThrow(), source.describe(), current);
        } catch (RuntimeException e) {
            String problem = source.describe() + ": the manifest is valid but its plan could not be built: " + e.getMessage();
            log.warn("{}; still serving version {}", problem, current.version(), e);
            status = new Status(false, current.version(), current.appliedAt(), Instant.now(), List.of(problem));
            return false;
        }
        plans.apply(next);
        status = new Status(true, next.version(), next.appliedAt(), Instant.now(), List.of());
        log.info("manifest {} applied as version {}: {} pages, {} fragments{}", source.describe(), next.version(),
                next.pages().size(), next.fragments().size(), describeChanges(current, next));
        return true;
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

    /** Names, sizes and modification times of the manifest file or of every manifest file in the directory. */
    static Map<String, String> fingerprint(Path path) {
        Map<String, String> files = new TreeMap<>();
        if (path == null) {
            return files;
        }
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> listing = Files.list(path)) {
                    for (Path file : listing.toList()) {
                        files.put(file.getFileName().toString(), stamp(file));
                    }
                }
            } else {
                files.put(path.toString(), stamp(path));
            }
        } catch (IOException e) {
            files.put(path.toString(), "unreadable: " + e.getMessage());
        }
        return files;
    }

    private static String stamp(Path file) {
        try {
            return Files.size(file) + "@" + Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return "gone";
        }
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
                check();
            } catch (RuntimeException e) {
                log.warn("checking manifest {} failed", source.describe(), e);
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
