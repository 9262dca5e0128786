package io.mosaic.gateway.observe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * One fragment's last minute: sixty one-second buckets of outcomes, each keeping its count,
 * its failures and a bounded sample of fresh-fetch latencies, plus the last failure and a ring of
 * the last {@value #RECENT} outcomes. Recording is a few field writes under the fragment's own
 * lock, with no allocation; percentiles and lists are made only when the console asks, never on
 * the page's path.
 */
final class FragmentActivity {

    static final int SECONDS = 60;
    /** Latency samples kept per second; past that, reservoir sampling keeps a fair sample. */
    static final int SAMPLES_PER_SECOND = 64;
    /** Outcomes kept for the console's list; the oldest is overwritten. */
    static final int RECENT = 20;

    private final LongSupplier clockMillis;
    private final long[] second = new long[SECONDS];
    private final int[] calls = new int[SECONDS];
    private final int[] failures = new int[SECONDS];
    private final int[] fresh = new int[SECONDS];
    private final long[][] latencyMicros = new long[SECONDS][SAMPLES_PER_SECOND];
    private String lastFailure;
    private String lastFailureReason;
    private long lastFailureAt;
    // The ring of recent outcomes, as parallel arrays so that recording allocates nothing.
    private final long[] recentAt = new long[RECENT];
    private final String[] recentState = new String[RECENT];
    private final String[] recentReason = new String[RECENT];
    private final long[] recentMicros = new long[RECENT];
    private int recentNext;
    private int recentCount;

    FragmentActivity(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
        Arrays.fill(second, -1);
    }

    synchronized void fresh(long micros) {
        long now = clockMillis.getAsLong();
        remember(now, "ok", null, micros);
        int slot = slot(now);
        calls[slot]++;
        int n = fresh[slot]++;
        if (n < SAMPLES_PER_SECOND) {
            latencyMicros[slot][n] = micros;
        } else {
            int replace = ThreadLocalRandom.current().nextInt(n + 1);
            if (replace < SAMPLES_PER_SECOND) {
                latencyMicros[slot][replace] = micros;
            }
        }
    }

    /**
     * @param state the outcome served instead (stale, fallback, error)
     * @param reason the failure's kind, as in metrics
     * @param description the failure as logged, listed with the outcome
     */
    synchronized void failed(String state, String reason, String description, boolean originCalled) {
        long now = clockMillis.getAsLong();
        remember(now, state, description, -1);
        int slot = slot(now);
        calls[slot]++;
        failures[slot]++;
        if (!originCalled) {
            return;
        }
        lastFailureReason = reason;
        lastFailure = description;
        lastFailureAt = now;
    }

    private void remember(long at, String state, String reason, long micros) {
        int i = recentNext;
        recentAt[i] = at;
        recentState[i] = state;
        recentReason[i] = reason;
        recentMicros[i] = micros;
        recentNext = (i + 1) % RECENT;
        recentCount = Math.min(recentCount + 1, RECENT);
    }

    /** The last outcomes, newest first, at most {@value #RECENT}. */
    synchronized List<RecentOutcome> recent() {
        List<RecentOutcome> out = new ArrayList<>(recentCount);
        for (int n = 1; n <= recentCount; n++) {
            int i = Math.floorMod(recentNext - n, RECENT);
            out.add(new RecentOutcome(Instant.ofEpochMilli(recentAt[i]), recentState[i], recentReason[i],
                    recentMicros[i] < 0 ? null : recentMicros[i] / 1000.0));
        }
        return out;
    }

    /** The bucket of the current second, emptied first when it still holds an older second. */
    private int slot(long nowMillis) {
        long now = nowMillis / 1000;
        int slot = (int) (now % SECONDS);
        if (second[slot] != now) {
            second[slot] = now;
            calls[slot] = 0;
            failures[slot] = 0;
            fresh[slot] = 0;
        }
        return slot;
    }

    synchronized ActivitySnapshot snapshot(String name) {
        long now = clockMillis.getAsLong() / 1000;
        int total = 0;
        int failed = 0;
        long[] all = new long[SECONDS * SAMPLES_PER_SECOND];
        int count = 0;
        Double[] sparkline = new Double[SECONDS];
        for (int age = SECONDS - 1; age >= 0; age--) {
            long wanted = now - age;
            int slot = (int) (Math.floorMod(wanted, (long) SECONDS));
            int index = SECONDS - 1 - age;
            if (second[slot] != wanted) {
                continue;
            }
            total += calls[slot];
            failed += failures[slot];
            int samples = Math.min(fresh[slot], SAMPLES_PER_SECOND);
            if (samples > 0) {
                long[] own = Arrays.copyOf(latencyMicros[slot], samples);
                Arrays.sort(own);
                sparkline[index] = own[samples / 2] / 1000.0;
                System.arraycopy(own, 0, all, count, samples);
                count += samples;
            }
        }
        long[] sorted = Arrays.copyOf(all, count);
        Arrays.sort(sorted);
        return new ActivitySnapshot(name, total, failed, percentile(sorted, 50), percentile(sorted, 95),
                lastFailureAt == 0 ? null : lastFailureReason, lastFailureAt == 0 ? null : lastFailure,
                lastFailureAt == 0 ? null : Instant.ofEpochMilli(lastFailureAt), Arrays.asList(sparkline));
    }

    private static Double percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, rank)] / 1000.0;
    }
}
