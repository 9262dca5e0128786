package io.mosaic.gateway.fetch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.mosaic.gateway.html.ParsedFragment;
import java.time.Duration;
import java.util.Optional;

/**
 * The last good copy of each fragment answer (stale-if-error), bounded in total size and, per
 * fragment, in age: a copy older than its fragment's {@code staleFor} is gone.
 */
public final class StaleCopies {

    /** A kept copy, with when it was fetched and how long it may stand in. */
    record Copy(ParsedFragment content, long storedAtNanos, Duration staleFor) {
    }

    private final Cache<String, Copy> copies;

    public StaleCopies(long maxBytes) {
        this.copies = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Copy copy) -> key.length() * 2 + copy.content().utf8().length * 3 + 256)
                .expireAfter(new Expiry<String, Copy>() {
                    @Override
                    public long expireAfterCreate(String key, Copy copy, long currentTime) {
                        return copy.staleFor().toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(String key, Copy copy, long currentTime, long currentDuration) {
                        return copy.staleFor().toNanos();
                    }

                    @Override
                    public long expireAfterRead(String key, Copy copy, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
    }

    /** Keeps {@code content} as the last good copy under {@code key} for {@code staleFor}. */
    public void put(String key, ParsedFragment content, Duration staleFor) {
        copies.put(key, new Copy(content, System.nanoTime(), staleFor));
    }

    /** The last good copy under {@code key} and its age, if one is still young enough. */
    public Optional<Aged> get(String key) {
        Copy copy = copies.getIfPresent(key);
        if (copy == null) {
            return Optional.empty();
        }
        return Optional.of(new Aged(copy.content(), Duration.ofNanos(System.nanoTime() - copy.storedAtNanos())));
    }

    /** A copy and how old it is. */
    public record Aged(ParsedFragment content, Duration age) {
    }
}
