package io.mosaic.gateway.html;

import java.util.List;

/**
 * A fragment answer made ready for the page: its body markup with URLs rewritten to the
 * gateway's proxy, and the stylesheets and scripts taken out of it.
 *
 * @param html balanced markup to put inside the fragment's box
 * @param assets stylesheets and scripts, in the order the fragment listed them
 */
public record ParsedFragment(String html, List<Asset> assets) {

    public ParsedFragment {
        assets = List.copyOf(assets);
    }

    /** Markup that needs no parsing, such as a fallback already cleaned. */
    public static ParsedFragment empty() {
        return new ParsedFragment("", List.of());
    }
}
