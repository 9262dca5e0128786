package io.mosaic.manifest;

import java.util.List;

/**
 * A fragment's stylesheets and scripts: paths on the fragment's origin, which the gateway
 * serves through its proxy and puts in the page head, each once.
 *
 * @param css stylesheet paths, in order
 * @param js script paths, in order
 */
public record Assets(List<String> css, List<String> js) {

    /** No assets. */
    public static final Assets NONE = new Assets(List.of(), List.of());

    public Assets {
        css = List.copyOf(css);
        js = List.copyOf(js);
    }
}
