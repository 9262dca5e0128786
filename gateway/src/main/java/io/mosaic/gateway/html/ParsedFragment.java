package io.mosaic.gateway.html;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A fragment answer made ready for the page: its body markup with URLs rewritten to the
 * gateway's proxy, and the stylesheets and scripts taken out of it. The markup is kept encoded
 * too, so a page reusing it writes the same bytes without encoding them again.
 *
 * @param html balanced markup to put inside the fragment's box
 * @param utf8 {@code html} encoded as UTF-8
 * @param assets stylesheets and scripts, in the order the fragment listed them
 */
public record ParsedFragment(String html, byte[] utf8, List<Asset> assets) {

    public ParsedFragment(String html, List<Asset> assets) {
        this(html, html.getBytes(StandardCharsets.UTF_8), assets);
    }

    public ParsedFragment {
        assets = List.copyOf(assets);
    }

    /** No markup at all. */
    public static ParsedFragment empty() {
        return EMPTY;
    }

    private static final ParsedFragment EMPTY = new ParsedFragment("", List.of());
}
