package io.mosaic.manifest;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What of the browser's request the gateway passes on to a fragment's origin, by allow-list:
 * nothing reaches a fragment unless it is named here.
 *
 * @param query which of the page's query parameters reach the fragment; {@link QuerySelection#ALL} by default
 * @param cookies browser cookies forwarded, by exact name; none by default. The gateway's own cookies
 *                reach a registered fragment only when granted: see {@link Reach}
 * @param headers extra request headers forwarded, by name in lowercase (header names compare
 *                case-insensitively); none by default. Never Host, framing, hop-by-hop, Proxy-* or Cookie;
 *                credentials only for the manifest file's fragments or when granted: see {@link Reach}
 */
public record Forwarding(QuerySelection query, List<String> cookies, List<String> headers) {

    /** All query parameters, no cookies, no extra headers. */
    public static final Forwarding DEFAULT = new Forwarding(QuerySelection.ALL, List.of(), List.of());

    public Forwarding {
        Objects.requireNonNull(query, "query");
        cookies = List.copyOf(cookies);
        headers = headers.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
    }
}
