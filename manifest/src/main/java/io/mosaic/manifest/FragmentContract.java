package io.mosaic.manifest;

/**
 * The HTTP headers of the contract between the gateway and a fragment's origin, named once for
 * both sides: the gateway sends and reads them, a team's fragment app reads and sends them.
 * Beyond these, a fragment is plain HTML answered to a {@code GET} of the URL its manifest entry
 * gives.
 *
 * <p>Every request header is optional for the origin: a fragment fetched directly (a developer's
 * curl, a test) works without them. Header names are case-insensitive; {@link Lowercase} has the
 * same names as HTTP/2 writes them, for maps keyed by lowercase names.
 */
public final class FragmentContract {

    /**
     * Request header: the path of the page being composed, such as {@code /admin/members}. Sent
     * on fragment fetches only. A fragment that varies on it (a navigation marking the current
     * page) says so with {@code Vary: X-Page-Path}, so that the gateway caches one copy per page.
     */
    public static final String PAGE_PATH_HEADER = "X-Page-Path";

    /**
     * Request header: the gateway path under which the browser reaches this fragment's origin,
     * such as {@code /fragments/org-tree}. Sent on fragment fetches and on proxied calls. A
     * fragment whose browser code calls its own API writes this in front of the API's path.
     */
    public static final String BASE_PATH_HEADER = "X-Fragment-Base-Path";

    /**
     * Response header: the version of the fragment's origin, such as {@code 2.3.1}, sent on every
     * answer (HTML, assets, API). The console shows it; the proxy passes it on to browsers.
     */
    public static final String VERSION_HEADER = "X-Fragment-Version";

    /** The same names in lowercase: compile-time constants, so that they also serve as {@code case} labels. */
    public static final class Lowercase {

        /** {@value}: {@link FragmentContract#PAGE_PATH_HEADER} in lowercase. */
        public static final String PAGE_PATH_HEADER = "x-page-path";

        /** {@value}: {@link FragmentContract#BASE_PATH_HEADER} in lowercase. */
        public static final String BASE_PATH_HEADER = "x-fragment-base-path";

        /** {@value}: {@link FragmentContract#VERSION_HEADER} in lowercase. */
        public static final String VERSION_HEADER = "x-fragment-version";

        private Lowercase() {
        }
    }

    private FragmentContract() {
    }
}
