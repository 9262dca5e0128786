package io.mosaic.manifest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One fragment as the manifest declares it, with its effective settings: every field that the
 * fragment did not set carries the manifest's default.
 *
 * @param name lowercase slug, unique in the manifest; also the proxy prefix {@code /fragments/NAME}
 * @param team the owning team
 * @param url the absolute http(s) URL answering the fragment's HTML
 * @param timeout the whole budget of one fetch
 * @param fallback HTML shown when the origin fails and no fresh or stale copy exists; null when none
 * @param assets stylesheets and scripts, as paths on the origin
 * @param proxy origin path prefixes the browser may reach through the gateway, each with its methods
 * @param circuitBreaker breaker settings
 * @param bulkhead concurrency limit
 * @param maxBodySize largest answer read, in bytes
 * @param staleFor how long the last good copy may stand in
 * @param async whether the page streams past this fragment and fills it in when it arrives
 * @param mount the open page slots this fragment puts itself into; empty when none
 * @param maxRequestBody the largest request body, in bytes, the proxy forwards to the origin; 0 allows none
 * @param forward which query parameters, cookies and request headers reach the origin
 * @param trust how far the fragment's HTML is trusted: whether inline scripts stay, go, or a safelist cleans it
 * @param cacheFor how long the gateway may reuse the fragment's answer when the origin sends no caching headers (no
 *                 Cache-Control and no Expires); zero means such answers are not reused, only kept as the last good
 *                 copy for {@code staleFor}. Answers with Cache-Control follow HTTP's rules instead
 */
public record FragmentDefinition(String name, String team, URI url, Duration timeout, String fallback,
                                 Assets assets, List<ProxyPath> proxy, CircuitBreakerSettings circuitBreaker,
                                 BulkheadSettings bulkhead, long maxBodySize, Duration staleFor, boolean async,
                                 List<Mount> mount, long maxRequestBody, Forwarding forward, Trust trust,
                                 Duration cacheFor) {

    public FragmentDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(team, "team");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(assets, "assets");
        Objects.requireNonNull(circuitBreaker, "circuitBreaker");
        Objects.requireNonNull(bulkhead, "bulkhead");
        Objects.requireNonNull(staleFor, "staleFor");
        Objects.requireNonNull(forward, "forward");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(cacheFor, "cacheFor");
        proxy = List.copyOf(proxy);
        mount = List.copyOf(mount);
    }

    /** The fallback HTML, when the manifest gives one. */
    public Optional<String> fallbackHtml() {
        return Optional.ofNullable(fallback);
    }
}
