package io.mosaic.gateway.resolve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mosaic.gateway.fetch.FetchedBody;
import io.mosaic.gateway.html.FragmentParser;
import io.mosaic.gateway.html.ParsedFragment;
import io.mosaic.gateway.plan.FragmentPlan;
import java.util.Arrays;

/**
 * Parsed answers by fragment and body fingerprint: an origin that answers the same bytes again
 * is neither decoded, nor parsed, nor rewritten again. Keyed by the plan's fragment object too,
 * since a new manifest may rewrite the same bytes differently; a fingerprint match is confirmed
 * byte for byte. A body is kept from the second time it arrives: a personalised answer, new on
 * every request, would only churn the store and, living a while, be collected with the old
 * generation.
 */
final class ParsedFragments {

    private record Key(FragmentPlan fragment, long fingerprint) {
    }

    private record Entry(byte[] raw, ParsedFragment parsed) {
    }

    private final FragmentParser parser;
    private final Cache<Key, Entry> cache;
    /** Bodies parsed once: a parse is kept from the second time its bytes arrive. */
    private final Doorkeeper seen = new Doorkeeper(16_384);

    ParsedFragments(FragmentParser parser, long maxBytes) {
        this.parser = parser;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Entry entry) -> entry.raw().length + entry.parsed().utf8().length * 3 + 128)
                .build();
    }

    ParsedFragment parse(FragmentPlan fragment, FetchedBody body) {
        Key key = new Key(fragment, body.fingerprint());
        Entry entry = cache.getIfPresent(key);
        if (entry != null && Arrays.equals(entry.raw(), body.bytes())) {
            return entry.parsed();
        }
        ParsedFragment parsed = parser.parse(body.html(), fragment.urls(), fragment.policy().trust());
        if (entry != null || seen.again(body.fingerprint() * 31 + System.identityHashCode(fragment))) {
            cache.put(key, new Entry(body.bytes(), parsed));
        }
        return parsed;
    }
}
