package io.mosaic.e2e.bench;

import java.util.List;

/**
 * A page, composed alike by every composer: the gateway's {@code dashboard} layout with slot
 * {@code widgets}, which nginx SSI and Varnish ESI serve too ({@link IncludePage}).
 *
 * @param path the page's path on any composer, such as {@code /fast}
 * @param title its document title
 * @param fragments its fragments in document order
 * @param distinctQuery the query parameter that every load request of the page sets to a value no
 *     request had before (wrk's {@code distinct-query.lua}), or null: wrk asks for {@link #path()} alone
 * @param userCookie the cookie that tells the page's users apart, or null: every load connection
 *     then sends its own value of it on every request (one wrk thread per connection, so that the
 *     script knows which connection it writes for), as a logged-in browser sends its session
 */
record PageSpec(String path, String title, List<FragmentSpec> fragments, String distinctQuery, String userCookie) {

    /** The value of {@link #distinctQuery} (and of {@link #userCookie}) in the single requests that check the page is whole. */
    static final String CHECK_VALUE = "whole-check";

    /** A page requested without a query. */
    PageSpec(String path, String title, List<FragmentSpec> fragments) {
        this(path, title, fragments, null, null);
    }

    /** A page requested with a query no request had before, by anonymous users. */
    PageSpec(String path, String title, List<FragmentSpec> fragments, String distinctQuery) {
        this(path, title, fragments, distinctQuery, null);
    }

    /**
     * What a single request that checks the page asks for: {@link #path()}, with {@link
     * #distinctQuery} set when it has one, so that the check goes the way of the load's requests
     * (a route that does not take the query would show here).
     */
    String checkPath() {
        return distinctQuery == null ? path : path + "?" + distinctQuery + "=" + CHECK_VALUE;
    }

    /** The header lines a checking request sends besides the usual ones: the user's cookie, when the page has users. */
    List<String> checkHeaders() {
        return userCookie == null ? List.of() : List.of("Cookie: " + userCookie + "=" + CHECK_VALUE);
    }

    /** The end markers of the fragments whose origins answer. */
    List<String> markers() {
        return fragments.stream().filter(FragmentSpec::healthy).map(FragmentSpec::marker).toList();
    }

    /** How many of {@link #markers()} {@code body} holds. */
    int markersIn(String body) {
        return (int) markers().stream().filter(body::contains).count();
    }

    /** How many of its fragments write the forwarded query's value into their answers. */
    int echoingFragments() {
        return (int) fragments.stream().filter(f -> f.healthy() && f.echoes()).count();
    }

    /** Its name in file names and results: the path without the slash, such as {@code fast-20}. */
    String name() {
        return path.substring(1);
    }
}
