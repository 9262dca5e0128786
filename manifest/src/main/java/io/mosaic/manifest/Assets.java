package io.mosaic.manifest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fragment's stylesheets and scripts: paths on the fragment's origin, which the gateway
 * serves through its proxy and puts in the page head, each once.
 *
 * @param css stylesheet paths, in order
 * @param js script paths, in order
 * @param integrity Subresource Integrity values by asset path (a path of {@code css} or {@code js}),
 *                  such as {@code sha384-...}, several separated by one space; paths without one are absent
 */
public record Assets(List<String> css, List<String> js, Map<String, String> integrity) {

    /** No assets. */
    public static final Assets NONE = new Assets(List.of(), List.of());

    public Assets {
        css = List.copyOf(css);
        js = List.copyOf(js);
        List<String> paths = new ArrayList<>(css);
        paths.addAll(js);
        if (!paths.containsAll(integrity.keySet())) {
            throw new IllegalArgumentException("integrity for paths that are not assets: " + integrity.keySet());
        }
        integrity = Collections.unmodifiableMap(new LinkedHashMap<>(integrity));
    }

    /** Assets without integrity values. */
    public Assets(List<String> css, List<String> js) {
        this(css, js, Map.of());
    }
}
