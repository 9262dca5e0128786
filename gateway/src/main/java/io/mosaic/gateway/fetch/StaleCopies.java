package io.mosaic.gateway.fetch;

import io.mosaic.gateway.html.ParsedFragment;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The last good copy of each fragment answer (stale-if-error), per fragment and variant (its URL
 * with the forwarded query), bounded three ways: a copy older than its fragment's
 * {@code staleFor} is gone; a fragment keeps at most {@code variantsPerFragment} variants, the
 * most recently used; and all copies together weigh at most {@code maxBytes}. Over that total,
 * the fragment holding the most bytes gives up its least recently used variant first. So a flood
 * of distinct query strings on one fragment only rotates that fragment's own variants: it cannot
 * flush another fragment's last good copy (a Caffeine cache keyed by URL alone could be flushed so).
 */
public final class StaleCopies {

    /** A kept copy, with when it was fetched, how long it may stand in, and its weight in bytes. */
    record Copy(ParsedFragment content, long storedAtNanos, Duration staleFor, long weight) {
        boolean expired(long now) {
            return now - storedAtNanos > staleFor.toNanos();
        }
    }

    private final long maxBytes;
    private final int variantsPerFragment;
    private final Map<String, Variants> fragments = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    public StaleCopies(long maxBytes, int variantsPerFragment) {
        if (maxBytes <= 0 || variantsPerFragment <= 0) {
            throw new IllegalArgumentException("maxBytes and variantsPerFragment must be positive, got "
                    + maxBytes + " and " + variantsPerFragment);
        }
        this.maxBytes = maxBytes;
        this.variantsPerFragment = variantsPerFragment;
    }

    /** Keeps {@code content} as the last good copy of {@code fragment}'s {@code variant} for {@code staleFor}. */
    public void put(String fragment, String variant, ParsedFragment content, Duration staleFor) {
        long weight = variant.length() * 2L + content.utf8().length * 3L + 256;
        if (weight > maxBytes) {
            return;
        }
        fragments.computeIfAbsent(fragment, name -> new Variants()).put(variant, new Copy(content, System.nanoTime(), staleFor, weight));
        if (bytes.get() > maxBytes) {
            evictOverBudget();
        }
    }

    /** The last good copy of {@code fragment}'s {@code variant} and its age, if one is still young enough. */
    public Optional<Aged> get(String fragment, String variant) {
        Variants variants = fragments.get(fragment);
        Copy copy = variants == null ? null : variants.get(variant);
        if (copy == null) {
            return Optional.empty();
        }
        return Optional.of(new Aged(copy.content(), Duration.ofNanos(System.nanoTime() - copy.storedAtNanos())));
    }

    /** How many variants of {@code fragment} are kept now. */
    public int variants(String fragment) {
        Variants variants = fragments.get(fragment);
        return variants == null ? 0 : variants.size();
    }

    /** The weight of every copy kept now, in bytes. */
    public long bytes() {
        return bytes.get();
    }

    private synchronized void evictOverBudget() {
        while (bytes.get() > maxBytes) {
            Variants largest = null;
            for (Variants variants : fragments.values()) {
                if (largest == null || variants.bytes() > largest.bytes()) {
                    largest = variants;
                }
            }
            if (largest == null || !largest.removeEldest()) {
                return;
            }
        }
    }

    /** One fragment's copies, least recently used first. */
    private final class Variants {
        private final LinkedHashMap<String, Copy> copies = new LinkedHashMap<>(16, 0.75f, true);
        private long weight;

        synchronized void put(String variant, Copy copy) {
            Copy old = copies.put(variant, copy);
            add(copy.weight() - (old == null ? 0 : old.weight()));
            if (old == null) {
                long now = System.nanoTime();
                Iterator<Copy> eldestFirst = copies.values().iterator();
                while (eldestFirst.hasNext()) {
                    Copy kept = eldestFirst.next();
                    if (copies.size() > variantsPerFragment || kept.expired(now)) {
                        eldestFirst.remove();
                        add(-kept.weight());
                    } else if (copies.size() <= variantsPerFragment) {
                        break;
                    }
                }
            }
        }

        synchronized Copy get(String variant) {
            Copy copy = copies.get(variant);
            if (copy != null && copy.expired(System.nanoTime())) {
                copies.remove(variant);
                add(-copy.weight());
                return null;
            }
            return copy;
        }

        synchronized boolean removeEldest() {
            Iterator<Copy> eldestFirst = copies.values().iterator();
            if (!eldestFirst.hasNext()) {
                return false;
            }
            Copy eldest = eldestFirst.next();
            eldestFirst.remove();
            add(-eldest.weight());
            return true;
        }

        synchronized long bytes() {
            return weight;
        }

        synchronized int size() {
            return copies.size();
        }

        private void add(long delta) {
            weight += delta;
            bytes.addAndGet(delta);
        }
    }

    /** A copy and how old it is. */
    public record Aged(ParsedFragment content, Duration age) {
    }
}
