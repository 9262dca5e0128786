package io.mosaic.gateway.cache;

import io.mosaic.gateway.fetch.SentHeaders;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fragment answers the gateway keeps, shared by all page requests: fresh ones to serve
 * without a fetch, stale ones to serve while revalidating or in place of a failed fetch, and any
 * with validators to revalidate with a conditional request. Per fragment and variant (the URL
 * with its query, and the request headers the answer varies on: see {@link Variants}). Bounded
 * three ways: an answer past its {@link Reuse#keptNanos()} is gone; a fragment keeps at most
 * {@code variantsPerFragment} variants, the most recently used; all answers together weigh at
 * most {@code maxBytes}, and over that the fragment holding the most bytes gives up its least
 * recently used variant first. So a flood of distinct query strings on one fragment only rotates
 * that fragment's own variants: it cannot flush another fragment's answers.
 *
 * <p>An answer not declared shareable is kept for the credentials it was fetched with, and found,
 * fresh or stale, only by requests with the same ones ({@link Sharing}): a signed-in user's own
 * copy first, then the one anonymous requests and {@code public} answers share.
 */
public final class FragmentCache {

    private final long maxBytes;
    private final int variantsPerFragment;
    private final Map<String, Fragment> fragments = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    public FragmentCache(long maxBytes, int variantsPerFragment) {
        if (maxBytes <= 0 || variantsPerFragment <= 0) {
            throw new IllegalArgumentException("maxBytes and variantsPerFragment must be positive, got "
                    + maxBytes + " and " + variantsPerFragment);
        }
        this.maxBytes = maxBytes;
        this.variantsPerFragment = variantsPerFragment;
    }

    /** The stored answer of {@code fragment} at {@code url} for a request sending {@code sent}, or null; never another user's. */
    public Stored lookup(String fragment, String url, SentHeaders sent) {
        Fragment kept = fragments.get(fragment);
        return kept == null ? null : kept.lookup(url, sent);
    }

    /**
     * The key of the variant a request would find, when an answer for {@code url} has told the
     * names: the same for every user (see {@link Sharing#variantKey}).
     */
    public String knownKey(String fragment, String url, SentHeaders sent) {
        Fragment kept = fragments.get(fragment);
        List<String> names = kept == null ? null : kept.names(url);
        return names == null ? null : Variants.key(url, names, sent);
    }

    /** Keeps {@code stored} (an answer whose {@link Reuse#stored()} holds) for the request that sent {@code sent}. */
    public void store(String fragment, String url, SentHeaders sent, Stored stored) {
        String owner = Sharing.owner(stored.reuse(), sent);
        String key = Sharing.owned(Variants.key(url, stored.reuse().keyNames(), sent), owner == null ? "" : owner);
        long weight = stored.weight(key);
        if (weight > maxBytes) {
            return;
        }
        fragments.computeIfAbsent(fragment, name -> new Fragment()).store(url, key, new Entry(stored, weight, owner));
        if (bytes.get() > maxBytes) {
            evictOverBudget();
        }
    }

    /**
     * Drops the copy of {@code url} that a request sending {@code sent} kept of its own answers (its
     * answer is no longer storable); answers of other credentials stay.
     */
    public void forget(String fragment, String url, SentHeaders sent) {
        Fragment kept = fragments.get(fragment);
        if (kept != null) {
            kept.forget(url, sent);
        }
    }

    /** How many variants of {@code fragment} are kept now. */
    public int variants(String fragment) {
        Fragment kept = fragments.get(fragment);
        return kept == null ? 0 : kept.size();
    }

    /** The weight of every answer kept now, in bytes. */
    public long bytes() {
        return bytes.get();
    }

    private synchronized void evictOverBudget() {
        while (bytes.get() > maxBytes) {
            Fragment largest = null;
            for (Fragment kept : fragments.values()) {
                if (largest == null || kept.bytes() > largest.bytes()) {
                    largest = kept;
                }
            }
            if (largest == null || !largest.removeEldest()) {
                return;
            }
        }
    }

    /** @param owner the credentials it is kept for; null when anyone's (see {@link Sharing#owner}) */
    private record Entry(Stored stored, long weight, String owner) {
    }

    /** One fragment's answers, least recently used first, and the names each URL's answers vary on. */
    private final class Fragment {
        private final LinkedHashMap<String, Entry> answers = new LinkedHashMap<>(16, 0.75f, true);
        private final LinkedHashMap<String, List<String>> namesByUrl = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
                return size() > variantsPerFragment;
            }
        };
        private long weight;

        synchronized List<String> names(String url) {
            return namesByUrl.get(url);
        }

        synchronized Stored lookup(String url, SentHeaders sent) {
            List<String> names = namesByUrl.get(url);
            if (names == null) {
                return null;
            }
            String key = Variants.key(url, names, sent);
            String credentials = sent.credentials();
            long now = System.nanoTime();
            if (!credentials.isEmpty()) {
                Entry own = live(Sharing.owned(key, credentials), now);
                if (own != null) {
                    return own.stored();
                }
            }
            Entry entry = live(key, now);
            return entry != null && Sharing.mayServe(entry.owner(), credentials) ? entry.stored() : null;
        }

        /** The entry under {@code key}, or null when there is none or it just expired. */
        private Entry live(String key, long now) {
            Entry entry = answers.get(key);
            if (entry != null && entry.stored().expired(now)) {
                answers.remove(key);
                add(-entry.weight());
                return null;
            }
            return entry;
        }

        synchronized void store(String url, String key, Entry entry) {
            namesByUrl.put(url, entry.stored().reuse().keyNames());
            Entry old = answers.put(key, entry);
            add(entry.weight() - (old == null ? 0 : old.weight()));
            if (old == null) {
                long now = System.nanoTime();
                Iterator<Entry> eldestFirst = answers.values().iterator();
                while (eldestFirst.hasNext()) {
                    Entry kept = eldestFirst.next();
                    if (answers.size() > variantsPerFragment || kept.stored().expired(now)) {
                        eldestFirst.remove();
                        add(-kept.weight());
                    } else {
                        break;
                    }
                }
            }
        }

        synchronized void forget(String url, SentHeaders sent) {
            List<String> names = namesByUrl.get(url);
            if (names != null) {
                Entry removed = answers.remove(Sharing.owned(Variants.key(url, names, sent), sent.credentials()));
                if (removed != null) {
                    add(-removed.weight());
                }
            }
        }

        synchronized boolean removeEldest() {
            Iterator<Entry> eldestFirst = answers.values().iterator();
            if (!eldestFirst.hasNext()) {
                return false;
            }
            Entry eldest = eldestFirst.next();
            eldestFirst.remove();
            add(-eldest.weight());
            return true;
        }

        synchronized long bytes() {
            return weight;
        }

        synchronized int size() {
            return answers.size();
        }

        private void add(long delta) {
            weight += delta;
            bytes.addAndGet(delta);
        }
    }
}
