package io.mosaic.gateway.layout;

import java.nio.charset.StandardCharsets;

/**
 * A piece of a page's document, in document order. A layout is rendered once per manifest
 * version and cut into these; a request only fills the gaps.
 */
public sealed interface Segment {

    /** Static markup, already encoded. */
    record Text(byte[] utf8) implements Segment {
        public Text(String text) {
            this(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String toString() {
            return "Text[" + new String(utf8, StandardCharsets.UTF_8) + "]";
        }
    }

    /** Where one fragment's wrapped content goes. */
    record Fragment(String name) implements Segment {
    }

    /** The end of the head: assets learned from fragment answers that the manifest did not declare. */
    record LearnedAssets() implements Segment {
    }

    /** The end of the body: content of fragments that arrived after the page streamed past them. */
    record Deferred() implements Segment {
    }
}
