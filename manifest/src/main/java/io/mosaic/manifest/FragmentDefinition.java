package io.mosaic.manifest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One fragment as the manifest declares it, with its effective settings: every field that the
 * fragment did not set carries the manifest's default. Build one with {@link #builder(String, String, URI)}
 * rather than the canonical constructor, whose positional arguments change whenever a field is added.
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

    /**
     * A fragment with the three fields every fragment needs; the others start at the built-in
     * {@link Defaults} (and no fallback, assets, proxy paths or mounts, {@link Forwarding#DEFAULT},
     * {@link Trust#STANDARD}, not async) until set by name. Fields are set by name so that adding one
     * changes no caller.
     */
    public static Builder builder(String name, String team, URI url) {
        return new Builder(name, team, url);
    }

    /** A builder holding every field of this fragment, to change some of them. */
    public Builder toBuilder() {
        return new Builder(name, team, url).timeout(timeout).fallback(fallback).assets(assets).proxy(proxy)
                .circuitBreaker(circuitBreaker).bulkhead(bulkhead).maxBodySize(maxBodySize).staleFor(staleFor)
                .async(async).mount(mount).maxRequestBody(maxRequestBody).forward(forward).trust(trust).cacheFor(cacheFor);
    }

    /**
     * Builds a {@link FragmentDefinition} field by field. Not thread-safe; each {@link #build()}
     * gives an immutable definition. The values are checked by {@link ManifestReader}, not here:
     * a definition built in code is trusted as written.
     */
    public static final class Builder {

        private final String name;
        private final String team;
        private final URI url;
        private Duration timeout;
        private String fallback;
        private Assets assets = Assets.NONE;
        private List<ProxyPath> proxy = List.of();
        private CircuitBreakerSettings circuitBreaker;
        private BulkheadSettings bulkhead;
        private long maxBodySize;
        private Duration staleFor;
        private boolean async;
        private List<Mount> mount = List.of();
        private long maxRequestBody;
        private Forwarding forward = Forwarding.DEFAULT;
        private Trust trust = Trust.STANDARD;
        private Duration cacheFor;

        private Builder(String name, String team, URI url) {
            this.name = Objects.requireNonNull(name, "name");
            this.team = Objects.requireNonNull(team, "team");
            this.url = Objects.requireNonNull(url, "url");
            defaults(Defaults.BUILT_IN);
        }

        /** Sets every field that a manifest's {@code defaults} hold to {@code defaults}' values. */
        public Builder defaults(Defaults defaults) {
            return timeout(defaults.timeout()).maxBodySize(defaults.maxBodySize()).staleFor(defaults.staleFor())
                    .circuitBreaker(defaults.circuitBreaker()).bulkhead(defaults.bulkhead())
                    .maxRequestBody(defaults.maxRequestBody()).cacheFor(defaults.cacheFor());
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** The fallback HTML; null for none. */
        public Builder fallback(String fallback) {
            this.fallback = fallback;
            return this;
        }

        public Builder assets(Assets assets) {
            this.assets = assets;
            return this;
        }

        public Builder proxy(List<ProxyPath> proxy) {
            this.proxy = proxy;
            return this;
        }

        public Builder circuitBreaker(CircuitBreakerSettings circuitBreaker) {
            this.circuitBreaker = circuitBreaker;
            return this;
        }

        public Builder bulkhead(BulkheadSettings bulkhead) {
            this.bulkhead = bulkhead;
            return this;
        }

        public Builder maxBodySize(long maxBodySize) {
            this.maxBodySize = maxBodySize;
            return this;
        }

        public Builder staleFor(Duration staleFor) {
            this.staleFor = staleFor;
            return this;
        }

        public Builder async(boolean async) {
            this.async = async;
            return this;
        }

        public Builder mount(List<Mount> mount) {
            this.mount = mount;
            return this;
        }

        public Builder maxRequestBody(long maxRequestBody) {
            this.maxRequestBody = maxRequestBody;
            return this;
        }

        public Builder forward(Forwarding forward) {
            this.forward = forward;
            return this;
        }

        public Builder trust(Trust trust) {
            this.trust = trust;
            return this;
        }

        public Builder cacheFor(Duration cacheFor) {
            this.cacheFor = cacheFor;
            return this;
        }

        /** The definition; a required field set to null throws {@link NullPointerException} naming it. */
        public FragmentDefinition build() {
            return new FragmentDefinition(name, team, url, timeout, fallback, assets, proxy, circuitBreaker, bulkhead,
                    maxBodySize, staleFor, async, mount, maxRequestBody, forward, trust, cacheFor);
        }
    }
}
