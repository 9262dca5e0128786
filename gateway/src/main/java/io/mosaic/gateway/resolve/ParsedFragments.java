package io.mosaic.gateway.resolve;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mosaic.gateway.html.FragmentParser;
import io.mosaic.gateway.html.ParsedFragment;
import io.mosaic.gateway.plan.FragmentPlan;

/**
 * Parsed answers by fragment and body hash: an origin that answers the same bytes again is not
 * parsed and rewritten again. Keyed by the plan's fragment object too, since a new manifest may
 * rewrite the same bytes differently.
 */
final class ParsedFragments {

    private record Key(FragmentPlan fragment, long hash) {
    }

    private record Entry(String html, ParsedFragment parsed) {
    }

    private final FragmentParser parser;
    private final Cache<Key, Entry> cache;

    ParsedFragments(FragmentParser parser, long maxBytes) {
        this.parser = parser;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key key, Entry entry) -> entry.html().length() * 2 + entry.parsed().html().length() * 2 + 128)
                .build();
    }

    ParsedFragment parse(FragmentPlan fragment, String html, long hash) {
        Key key = new Key(fragment, hash);
        Entry entry = cache.getIfPresent(key);
        if (entry != null && entry.html().equals(html)) {
            return entry.parsed();
        }
        ParsedFragment parsed = parser.parse(html, fragment.urls());
        cache.put(key, new Entry(html, parsed));
        return parsed;
    }
}
