package io.mosaic.gateway.observe;

import io.mosaic.gateway.fetch.FetchFailure;
import io.mosaic.gateway.resolve.FragmentOutcome;
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
    /** Good answers that reused a stored one: a hit, stale while revalidating, or revalidated by a 304. */
    private final int[] reused = new int[SECONDS];
    private final int[] fresh = new int[SECONDS];
    private final long[][] latencyMicros = new long[SECONDS][SAMPLES_PER_SECOND];
    private String lastFailure;
    private String lastFailureReason;
    private long lastFailureAt;
    // The ring of recent outcomes, as parallel arrays so that recording allocates nothing.
    private final long[] recentAt = new long[RECENT];
    private final FragmentOutcome.State[] recentState = new FragmentOutcome.State[RECENT];
    private final String[] recentReason = new String[RECENT];
    private final int[] recentStatus = new int[RECENT];
    private final String[] recentDetail = new String[RECENT];
    private final long[] recentMicros = new long[RECENT];
    private int recentNext;
    private int recentCount;

    FragmentActivity(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
        Arrays.fill(second, -1);
    }

    /**
     * @param micros the fetch's latency; negative when the origin was not asked (a stored answer)
     * @param use where the content came from: a miss is a plain fetch, anything else reused a stored answer
     */
    synchronized void fresh(long micros, FragmentOutcome.CacheUse use) {
        long now = clockMillis.getAsLong();
        boolean reusedAnswer = use != FragmentOutcome.CacheUse.MISS;
        remember(now, FragmentOutcome.State.OK, reusedAnswer ? "cache " + use.label() : null, 0, null, micros);
        int slot = slot(now);
        calls[slot]++;
        if (reusedAnswer) {
            reused[slot]++;
        }
        if (micros < 0) {
            return;
        }
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
     * @param failure why the origin's answer was not used; null when unknown
     */
    synchronized void failed(FragmentOutcome.State state, FetchFailure failure) {
        long now = clockMillis.getAsLong();
        String reason = failure == null ? "unknown" : failure.kind().label();
        remember(now, state, reason, failure == null ? 0 : failure.status(), failure == null ? "" : failure.getMessage(), -1);
        int slot = slot(now);
        calls[slot]++;
        failures[slot]++;
        // A call the breaker or bulkhead refused counts against the minute, but the last failure
        // shown stays the origin's own (the reason the breaker opened), not "breaker open".
        if (failure != null && !failure.originCalled()) {
            return;
        }
        lastFailureReason = reason;
        lastFailure = failure == null ? "" : failure.toString();
        lastFailureAt = now;
    }

    private void remember(long at, FragmentOutcome.State state, String reason, int status, String detail, long micros) {
        int i = recentNext;
        recentAt[i] = at;
        recentState[i] = state;
        recentReason[i] = reason;
        recentStatus[i] = status;
        recentDetail[i] = detail;
        recentMicros[i] = micros;
        recentNext = (i + 1) % RECENT;
        recentCount = Math.min(recentCount + 1, RECENT);
    }

    /** The last outcomes, newest first, at most {@value #RECENT}. */
    synchronized List<RecentOutcome> recent() {
        List<RecentOutcome> out = new ArrayList<>(recentCount);
        for (int n = 1; n <= recentCount; n++) {
            int i = Math.floorMod(recentNext - n, RECENT);
            String reason = recentReason[i] == null ? null
                    : recentStatus[i] > 0 ? recentReason[i] + " (HTTP " + recentStatus[i] + ")" : recentReason[i];
            out.add(new RecentOutcome(Instant.ofEpochMilli(recentAt[i]), recentState[i], reason, recentDetail[i],
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
            reused[slot] = 0;
            fresh[slot] = 0;
        }
        return slot;
    }

    synchronized ActivitySnapshot snapshot(String name) {
        long now = clockMillis.getAsLong() / 1000;
        int total = 0;
        int failed = 0;
        int fromStore = 0;
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
            fromStore += reused[slot];
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
                lastFailureAt == 0 ? null : Instant.ofEpochMilli(lastFailureAt), Arrays.asList(sparkline), fromStore);
    }

    private static Double percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, rank)] / 1000.0;
    }
}
