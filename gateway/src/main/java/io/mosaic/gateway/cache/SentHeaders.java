package io.mosaic.gateway.cache;

import java.util.Map;

/**
 * The request headers the gateway sends an origin for one fragment of one page request: the
 * forwarded ones (lowercase names) and the gateway's own. The one place that says what an origin
 * receives, so that a cache variant is keyed by exactly what the origin could vary on.
 *
 * @param pagePath the page's path, sent as {@code X-Page-Path}
 * @param basePath the fragment's proxy base, sent as {@code X-Fragment-Base-Path}
 * @param forwarded the browser's headers the fragment may see (see {@code HeaderPolicy.forPageFetch})
 */
public record SentHeaders(String pagePath, String basePath, Map<String, String> forwarded) {

    public static final String PAGE_PATH = io.mosaic.manifest.FragmentContract.Lowercase.PAGE_PATH_HEADER;
    public static final String BASE_PATH = io.mosaic.manifest.FragmentContract.Lowercase.BASE_PATH_HEADER;
    static final String ACCEPT = "text/html";
    static final String ACCEPT_ENCODING = "identity";

    /** The value sent for the lowercase header {@code name}, or null when it is not sent. */
    public String value(String name) {
        return switch (name) {
            case PAGE_PATH -> pagePath;
            case BASE_PATH -> basePath;
            case "accept" -> ACCEPT;
            case "accept-encoding" -> ACCEPT_ENCODING;
            default -> forwarded.get(name);
        };
    }

    /**
     * Whether the request carries a user's credentials: then its answer is shared between
     * requests only when the origin says so explicitly (RFC 9111 §3.5, and what Varnish does for cookies).
     */
    public boolean carriesCredentials() {
        return forwarded.containsKey("cookie") || forwarded.containsKey("authorization");
    }
}
