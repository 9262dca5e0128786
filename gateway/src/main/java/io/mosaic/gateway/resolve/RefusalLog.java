package io.mosaic.gateway.resolve;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Logs calls that an open breaker, a full bulkhead or the origin policy refused without calling
 * the origin: the first at once, then at most one line per fragment every {@code intervalNanos}
 * with how many were refused since. Under load a refused call happens on every page, and a line
 * each would bury the log that the breaker exists to keep quiet.
 */
final class RefusalLog {

    private record Window(AtomicLong lastLogged, AtomicLong suppressed) {
    }

    private final Consumer<String> sink;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    RefusalLog(Consumer<String> sink, long intervalNanos, LongSupplier clock) {
        this.sink = sink;
        this.intervalNanos = intervalNanos;
        this.clock = clock;
    }

    void refused(String fragment, String reason, String served) {
        long now = clock.getAsLong();
        Window window = windows.computeIfAbsent(fragment, f -> new Window(new AtomicLong(now - intervalNanos - 1), new AtomicLong()));
        long last = window.lastLogged().get();
        if (now - last > intervalNanos && window.lastLogged().compareAndSet(last, now)) {
            long more = window.suppressed().getAndSet(0);
            sink.accept("fragment " + fragment + ": " + reason + ", origin not called; serving " + served
                    + (more > 0 ? " (" + more + " more refused since the last line)" : ""));
        } else {
            window.suppressed().incrementAndGet();
        }
    }
}
