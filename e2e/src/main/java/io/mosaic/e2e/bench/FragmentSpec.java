package io.mosaic.e2e.bench;

import java.net.URI;
import java.time.Duration;

/**
 * One fragment as every composer is told about it: the same origin URL and the same deadline.
 *
 * @param name the fragment's name (the gateway manifest's, and the nginx location's and Varnish
 *     include's {@code /_f/NAME})
 * @param url its origin
 * @param timeout the whole fetch's deadline in the gateway; each of connect, send and read in nginx;
 *     each of connect, first byte and between bytes in Varnish
 * @param circuitBreaker the gateway manifest's {@code circuitBreaker} in YAML flow style, or null for the defaults
 * @param marker the end marker its answer carries, or null when its origin never answers
 * @param maxAge the {@code Cache-Control: max-age} its origin sends, or null when it sends no
 *     Cache-Control: then no composer may keep its answers
 * @param forwardedQuery the page's query parameter that reaches its origin, or null: the gateway's
 *     {@code forward: {query: [NAME]}}, nginx SSI's include with the page's {@code $args}, Varnish
 *     ESI's include with the top request's query. With null no composer is told anything (the
 *     gateway's default would forward the page's whole query, but those pages are requested without one)
 * @param forwardedCookie the browser cookie that reaches its origin, or null: the gateway's
 *     {@code forward: {cookies: [NAME]}}; nginx SSI and Varnish ESI pass the browser's whole
 *     {@code Cookie} header on to every include's origin anyway (subrequests and ESI includes
 *     carry the page request's headers), so they are told nothing
 * @param echoes whether its origin writes {@link #forwardedQuery}'s value into the body
 *     ({@link FragmentHtml#viewer}): every answer is then new, and a page shows whether the value
 *     came through
 * @param proxyPrefix the origin path prefix the gateway proxies for it at
 *     {@code /fragments/NAME/...} (the manifest's {@code proxy}), or null; the other composers
 *     have no proxy
 */
record FragmentSpec(String name, URI url, Duration timeout, String circuitBreaker, String marker, Duration maxAge,
                    String forwardedQuery, String forwardedCookie, boolean echoes, String proxyPrefix) {

    /** The fallback every composer shows in place of a failed fragment. */
    static final String FALLBACK = "<p class=\"bench-fallback\">This part is unavailable right now.</p>";

    /** A fragment whose origin gets no query, no cookie from the page, and that has no proxy. */
    FragmentSpec(String name, URI url, Duration timeout, String circuitBreaker, String marker, Duration maxAge) {
        this(name, url, timeout, circuitBreaker, marker, maxAge, null, null, false, null);
    }

    /** A fragment from an origin that answers at once, without Cache-Control, with the default breaker. */
    static FragmentSpec healthy(String name, URI url, int markerNumber) {
        return new FragmentSpec(name, url, BenchPages.TIMEOUT, null, FragmentHtml.marker(markerNumber), null);
    }

    /** This fragment, with the page's query parameter {@code parameter} passed on to its origin. */
    FragmentSpec forwarding(String parameter) {
        return new FragmentSpec(name, url, timeout, circuitBreaker, marker, maxAge, parameter, forwardedCookie, echoes, proxyPrefix);
    }

    /** This fragment, with the browser's cookie {@code cookie} passed on to its origin. */
    FragmentSpec forwardingCookie(String cookie) {
        return new FragmentSpec(name, url, timeout, circuitBreaker, marker, maxAge, forwardedQuery, cookie, echoes, proxyPrefix);
    }

    /** This fragment, its origin writing the forwarded query parameter's value into every answer. */
    FragmentSpec echoing() {
        if (forwardedQuery == null) {
            throw new IllegalStateException(name + " forwards no query parameter to echo");
        }
        return new FragmentSpec(name, url, timeout, circuitBreaker, marker, maxAge, forwardedQuery, forwardedCookie, true, proxyPrefix);
    }

    /** This fragment, with the gateway proxying its origin's paths under {@code prefix}. */
    FragmentSpec proxying(String prefix) {
        return new FragmentSpec(name, url, timeout, circuitBreaker, marker, maxAge, forwardedQuery, forwardedCookie, echoes, prefix);
    }

    boolean healthy() {
        return marker != null;
    }

    /** Whether its origin lets composers keep its answers. */
    boolean cacheable() {
        return maxAge != null;
    }

    /** Whether its origin gets (part of) the page's query. */
    boolean forwardsQuery() {
        return forwardedQuery != null;
    }

    /** Whether the gateway passes one of the browser's cookies on to its origin. */
    boolean forwardsCookie() {
        return forwardedCookie != null;
    }
}
