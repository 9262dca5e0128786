package io.mosaic.e2e.bench;

import java.util.List;

/**
 * A page of five fragments, composed alike by both composers (the gateway's {@code dashboard}
 * layout with slot {@code widgets}, and an nginx SSI template of the same skeleton).
 *
 * @param path the page's path on either composer, such as {@code /fast}
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
}
