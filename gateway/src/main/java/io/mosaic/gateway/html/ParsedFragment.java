package io.mosaic.gateway.html;

import io.mosaic.gateway.render.Spliced;
import java.util.List;

/**
 * A fragment answer made ready for the page: its body markup with URLs rewritten to the
 * gateway's proxy, and the stylesheets and scripts taken out of it. The markup is kept encoded
 * too, so a page reusing it writes the same bytes without encoding them again; a trusted
 * fragment's inline scripts have a place for each response's nonce in it.
 *
 * @param html balanced markup to put inside the fragment's box, with {@link Spliced#MARKER} where a nonce goes
 * @param markup {@code html} encoded as UTF-8, cut where the nonce goes
 * @param assets stylesheets and scripts, in the order the fragment listed them
 */
public record ParsedFragment(String html, Spliced markup, List<Asset> assets) {

    public ParsedFragment(String html, List<Asset> assets) {
        this(html, Spliced.of(html), assets);
    }

    public ParsedFragment {
        assets = List.copyOf(assets);
    }

    /** The markup's bytes, without nonces. */
    public byte[] utf8() {
        return markup.utf8();
    }

    /** No markup at all. */
    public static ParsedFragment empty() {
        return EMPTY;
    }

    private static final ParsedFragment EMPTY = new ParsedFragment("", List.of());
}
