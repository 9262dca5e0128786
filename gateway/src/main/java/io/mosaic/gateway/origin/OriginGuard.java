package io.mosaic.gateway.origin;

import java.util.concurrent.Executor;
import reactor.netty.http.client.HttpClient;

/**
 * Puts the origin policy into a Reactor Netty client at connect time: names resolve through the
 * policy ({@link PolicyAddressResolverGroup}) and every connect, IP literals included, is judged
 * once more just before the socket opens ({@link ConnectCheck}). The fragment clients and Spring
 * Cloud Gateway's proxy client both get it, so a name that passed at write time and now points at
 * the gateway's own network (DNS rebinding) is refused before anything is sent.
 *
 * <p>Keep-alive connections opened while an origin was allowed are reused until they close: the
 * check is per connection, not per request.
 */
public final class OriginGuard {

    private final OriginPolicy policy;
    private final PolicyAddressResolverGroup resolvers;

    /** @param blocking where host names are resolved, off the event loops */
    public OriginGuard(OriginPolicy policy, Executor blocking) {
        this.policy = policy;
        this.resolvers = new PolicyAddressResolverGroup(policy, blocking);
    }

    /** {@code client}, resolving and connecting only where the policy lets it. */
    public HttpClient apply(HttpClient client) {
        return client
                .resolver(resolvers)
                .doOnChannelInit((observer, channel, remoteAddress) ->
                        channel.pipeline().addFirst(ConnectCheck.NAME, new ConnectCheck(policy, remoteAddress)));
    }

    /** Closes the resolvers. */
    public void close() {
        resolvers.close();
    }
}
