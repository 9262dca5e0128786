package io.mosaic.fragments.nav;

/**
 * One entry of the admin console's navigation.
 *
 * @param label what the user reads
 * @param href the page's root-relative path on the gateway
 * @param exact whether only that exact path makes it current; otherwise its sub-pages do too
 */
record NavLink(String label, String href, boolean exact) {

    /** Whether this link names the page at {@code pagePath}, already normalised. */
    boolean isCurrent(String pagePath) {
        if (pagePath.equals(this.href)) {
            return true;
        }
        return !this.exact && pagePath.startsWith(this.href + "/");
    }

}
