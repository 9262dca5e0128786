package io.mosaic.gateway.fetch;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * One fragment client, with its own keep-alive pool, per Netty event loop. A page request is
 * served on one event loop; its fetches run on connections of that same loop, so a fragment's
 * answer is read, parsed and written to the browser without a hand-over between threads. (One
 * shared pool would hand a connection made on one loop to a request on another, and every
 * fetch would cross threads twice.)
 */
public final class LoopLocalClients {

    private final Map<Object, HttpClient> clients = new ConcurrentHashMap<>();
    private final List<ConnectionProvider> providers = new CopyOnWriteArrayList<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Function<String, ConnectionProvider> providerFactory;
    private final Function<ConnectionProvider, HttpClient> clientFactory;

    /**
     * @param providerFactory makes a pool from its name ({@code fragments-N})
     * @param clientFactory makes a client on a pool
     */
    public LoopLocalClients(Function<String, ConnectionProvider> providerFactory, Function<ConnectionProvider, HttpClient> clientFactory) {
        this.providerFactory = providerFactory;
        this.clientFactory = clientFactory;
    }

    /** The client of {@code loop}; off an event loop (null), one shared client. */
    public HttpClient on(ScheduledExecutorService loop) {
        return clients.computeIfAbsent(loop == null ? this : loop, key -> {
            ConnectionProvider provider = providerFactory.apply("fragments-" + count.incrementAndGet());
            providers.add(provider);
            return clientFactory.apply(provider);
        });
    }

    /** Closes every pool. */
    public void dispose() {
        providers.forEach(ConnectionProvider::dispose);
    }
}
