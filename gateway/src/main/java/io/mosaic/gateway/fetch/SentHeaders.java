package io.mosaic.gateway.fetch;

import io.mosaic.manifest.Reach;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The request headers the gateway sends an origin for one fragment of one page request: the
 * forwarded ones (lowercase names) and the gateway's own. The one place that says what an origin
 * receives, so that a cache variant is keyed by exactly what the origin could vary on, and what
 * tells one user's request from another's.
 *
 * @param pagePath the page's path, sent as {@code X-Page-Path}
 * @param basePath the fragment's proxy base, sent as {@code X-Fragment-Base-Path}
 * @param forwarded the browser's headers the fragment may see (see {@code HeaderPolicy.forPageFetch})
 */
public record SentHeaders(String pagePath, String basePath, Map<String, String> forwarded) {

    public static final String PAGE_PATH = io.mosaic.manifest.FragmentContract.Lowercase.PAGE_PATH_HEADER;
    public static final String BASE_PATH = io.mosaic.manifest.FragmentContract.Lowercase.BASE_PATH_HEADER;
    /** Headers that differ on every request and that no origin varies its content on: ids and traces. */
    public static final Set<String> PER_REQUEST = Set.of("x-request-id", "traceparent", "tracestate");
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
     * Who the request is, as the origin can tell: the forwarded {@code Cookie} (only the cookies the
     * fragment declares) and each declared header that is a credential or an identity
     * ({@link Reach.Kind#CREDENTIAL}, {@link Reach.Kind#IDENTITY}), by name, as one string; empty
     * when it sends none. Two requests with other credentials are other users, whatever else they share.
     */
    public String credentials() {
        List<String> names = null;
        for (String name : forwarded.keySet()) {
            if (isCredential(name)) {
                if (names == null) {
                    names = new ArrayList<>(2);
                }
                names.add(name);
            }
        }
        if (names == null) {
            return "";
        }
        names.sort(null);
        StringBuilder credentials = new StringBuilder();
        for (String name : names) {
            credentials.append(credentials.length() == 0 ? "" : "\n").append(name).append('=').append(forwarded.get(name));
        }
        return credentials.toString();
    }

    /**
     * Whether the request carries a user's credentials: then its answer is shared between
     * requests only when the origin says so explicitly (RFC 9111 §3.5, and what Varnish does for cookies).
     */
    public boolean carriesCredentials() {
        for (String name : forwarded.keySet()) {
            if (isCredential(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code other} sends the origin the same request: every header the same but the
     * {@link #PER_REQUEST} ones. The origin cannot tell two such requests apart, so one answer
     * is as much the one's as the other's, whatever it says about caching.
     */
    public boolean sameRequestAs(SentHeaders other) {
        if (this == other) {
            return true;
        }
        if (!Objects.equals(pagePath, other.pagePath) || !Objects.equals(basePath, other.basePath)) {
            return false;
        }
        int compared = 0;
        for (Map.Entry<String, String> header : forwarded.entrySet()) {
            if (!PER_REQUEST.contains(header.getKey())) {
                if (!header.getValue().equals(other.forwarded.get(header.getKey()))) {
                    return false;
                }
                compared++;
            }
        }
        for (String name : other.forwarded.keySet()) {
            if (!PER_REQUEST.contains(name)) {
                compared--;
            }
        }
        return compared == 0;
    }

    private static boolean isCredential(String name) {
        if (name.equals("cookie")) {
            return true;
        }
        Reach.Kind kind = Reach.kind(name);
        return kind == Reach.Kind.CREDENTIAL || kind == Reach.Kind.IDENTITY;
    }
}
