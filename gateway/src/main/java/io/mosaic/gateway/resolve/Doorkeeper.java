package io.mosaic.gateway.resolve;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Remembers keys seen recently, so that a store keeps only what comes a second time: a body
 * seen once (a personalised answer) is not kept, and so does not live long enough to be promoted
 * and collected with the old generation. TinyLFU's doorkeeper, as a direct-mapped table of
 * 64-bit keys: a key whose slot another takes is forgotten (when it comes again, it is kept a
 * time later); two keys that collide entirely are taken for one (one entry kept that a full
 * check would not keep). Lock-free; races lose at most one remembrance.
 */
final class Doorkeeper {

    private final AtomicLongArray seen;
    private final int mask;

    /** @param slots how many keys are remembered at most; rounded up to a power of two */
    Doorkeeper(int slots) {
        if (slots <= 0) {
            throw new IllegalArgumentException("slots must be positive, got " + slots);
        }
        int size = slots == 1 ? 1 : Integer.highestOneBit(slots - 1) << 1;
        this.seen = new AtomicLongArray(size);
        this.mask = size - 1;
    }

    /** Whether {@code key} was seen before (and not forgotten since); remembers it either way. */
    boolean again(long key) {
        long stored = key == 0 ? 1 : key; // 0 marks an empty slot
        int slot = (int) (mix(stored) & mask);
        if (seen.getPlain(slot) == stored) {
            return true;
        }
        seen.setPlain(slot, stored);
        return false;
    }

    /** Spreads the key's bits over the slot index (the finaliser of MurmurHash3's 64-bit hash). */
    private static long mix(long key) {
        key ^= key >>> 33;
        key *= 0xff51afd7ed558ccdL;
        key ^= key >>> 33;
        key *= 0xc4ceb9fe1a85ec53L;
        key ^= key >>> 33;
        return key;
    }
}
