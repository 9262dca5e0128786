package io.mosaic.e2e.bench;

import java.util.List;

/**
 * A page, composed alike by every composer (the gateway's {@code dashboard} layout with slot
 * {@code widgets}, and the nginx SSI and Varnish ESI templates of the same skeleton).
 *
 * @param path the page's path on any composer, such as {@code /fast}
 * @param title its document title
 * @param fragments its fragments in document order
 */
record PageSpec(String path, String title, List<FragmentSpec> fragments) {

    /** The end markers of the fragments whose origins answer. */
    List<String> markers() {
        return fragments.stream().filter(FragmentSpec::healthy).map(FragmentSpec::marker).toList();
    }

    /** How many of {@link #markers()} {@code body} holds. */
    int markersIn(String body) {
        return (int) markers().stream().filter(body::contains).count();
    }

    /** Its name in file names and results: the path without the slash, such as {@code fast-20}. */
    String name() {
        return path.substring(1);
    }
}
