package io.mosaic.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's settings of the gateway itself (the manifest holds the teams' settings).
 * {@code --manifest=PATH} is mapped onto {@code mosaic.manifest} in application.properties.
 *
 * @param manifest the manifest file, or a directory of manifest files
 * @param layouts a folder of extra Thymeleaf layouts ({@code NAME.html}); empty for the built-in ones only
 * @param client the HTTP client that fetches fragments
 * @param fragmentCache the store of fragment answers (HTTP caching and last good copies)
 * @param reloadInterval how often the manifest is checked for changes (default 500ms)
 * @param warmUp the pages composed on start, before the gateway reports itself ready
 */
@ConfigurationProperties(prefix = "mosaic")
public record GatewayProperties(Path manifest, Path layouts, Client client, CacheSettings fragmentCache, Duration reloadInterval,
                                WarmUp warmUp) {

    public GatewayProperties {
        reloadInterval = reloadInterval != null ? reloadInterval : Duration.ofMillis(500);
        warmUp = warmUp == null ? new WarmUp(null, null) : warmUp;
        client = client == null ? new Client(0, 0, null, null, null) : client;
        fragmentCache = fragmentCache == null ? new CacheSettings(0, 0) : fragmentCache;
    }

    /**
     * The fragment client's connection pool and timeouts: bounded, unlike Spring Cloud Gateway's
     * defaults (an elastic pool and a 30 s connect timeout).
     *
     * @param maxConnections connections to all origins together, per event loop (default 256)
     * @param pendingAcquireMaxCount fetches that may wait for a connection, per event loop (default 1024)
     * @param pendingAcquireTimeout how long a fetch waits for a connection (default 500ms)
     * @param connectTimeout how long a TCP connect may take (default 1s; each fragment's deadline still applies)
     * @param maxIdleTime how long an idle keep-alive connection is kept (default 30s)
     */
    public record Client(int maxConnections, int pendingAcquireMaxCount, Duration pendingAcquireTimeout,
                         Duration connectTimeout, Duration maxIdleTime) {
        public Client {
            maxConnections = maxConnections > 0 ? maxConnections : 256;
            pendingAcquireMaxCount = pendingAcquireMaxCount > 0 ? pendingAcquireMaxCount : 1024;
            pendingAcquireTimeout = pendingAcquireTimeout != null ? pendingAcquireTimeout : Duration.ofMillis(500);
            connectTimeout = connectTimeout != null ? connectTimeout : Duration.ofSeconds(1);
            maxIdleTime = maxIdleTime != null ? maxIdleTime : Duration.ofSeconds(30);
        }
    }

    /**
     * @param maxBytes total size of the fragment answers kept, fresh or stale (default 32 MiB)
     * @param variantsPerFragment answers kept per fragment, one per variant (URL with query, and the headers
     *                            it varies on), the most recently used (default 64): a flood of distinct
     *                            queries rotates only its own fragment's
     */
    public record CacheSettings(long maxBytes, int variantsPerFragment) {
        public CacheSettings {
            maxBytes = maxBytes > 0 ? maxBytes : 32L * 1024 * 1024;
            variantsPerFragment = variantsPerFragment > 0 ? variantsPerFragment : 64;
        }
    }

    /**
     * On start, every page of the manifest is composed {@code rounds} times over HTTP, one request
     * at a time, before readiness turns to accepting traffic: a cold JVM's first fetches (class
     * loading, first connections, JIT) are slow enough to miss sub-second fragment deadlines, and
     * the first users should not pay for that. Warm-up fetches are real fetches: they count in
     * breakers and metrics and leave last good copies.
     *
     * @param rounds how many times each page is composed (default 3; 0 turns warm-up off)
     * @param maxTime when warm-up gives up, however far it got (default 10s)
     */
    public record WarmUp(Integer rounds, Duration maxTime) {
        public WarmUp {
            rounds = rounds != null ? Math.max(0, rounds) : 3;
            maxTime = maxTime != null ? maxTime : Duration.ofSeconds(10);
        }
    }
}
