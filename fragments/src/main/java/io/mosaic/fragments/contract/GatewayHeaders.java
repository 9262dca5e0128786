package io.mosaic.fragments.contract;

/**
 * Request headers the gateway sends when it fetches a fragment. Every one is optional: a fragment
 * fetched directly (a developer's curl, a test) works without them.
 */
public final class GatewayHeaders {

    /** The path of the page being composed, e.g. {@code /admin/members}; the nav marks it current. */
    public static final String PAGE_PATH = "X-Page-Path";

    /**
     * The gateway's proxy prefix for this fragment, e.g. {@code /fragments/org-tree}. A fragment
     * whose browser code calls its own API writes it in front of the API path; see {@link BasePath}.
     */
    public static final String FRAGMENT_BASE_PATH = "X-Fragment-Base-Path";

    private GatewayHeaders() {
    }

}
