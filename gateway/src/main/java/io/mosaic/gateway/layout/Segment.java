package io.mosaic.gateway.layout;

import io.mosaic.gateway.render.Spliced;

/**
 * A piece of a page's document, in document order. A layout is rendered once per manifest
 * version and cut into these; a request only fills the gaps.
 */
public sealed interface Segment {

    /** Static markup, already encoded, with the places where each response's nonce goes. */
    record Text(Spliced markup) implements Segment {
        public Text(String text) {
            this(Spliced.of(text));
        }

        @Override
        public String toString() {
            return "Text[" + markup + "]";
        }
    }

    /** Where one fragment's wrapped content goes. */
    record Fragment(String name) implements Segment {
    }

    /** The end of the head, where the page's declared assets go. */
    record Head() implements Segment {
    }

    /** The end of the body: content of fragments that arrived after the page streamed past them. */
    record Deferred() implements Segment {
    }
}
