package io.mosaic.gateway.origin;

import io.mosaic.manifest.NumericHost;
import io.netty.resolver.AbstractAddressResolver;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Netty name resolution through the origin policy: a host is resolved by the policy's
 * {@link HostResolver} (numeric spellings by the policy itself), and the resolution fails with
 * the refusal as an {@link OriginRefusedException} when any address it gives is one the policy
 * refuses for that origin. Resolving blocks, so it runs on {@code blocking}, off the event loop.
 *
 * <p>Netty skips resolution for addresses that are already resolved (IP literals); {@link ConnectCheck}
 * judges those, and every other connect too.
 */
final class PolicyAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final OriginPolicy policy;
    private final Executor blocking;

    PolicyAddressResolverGroup(OriginPolicy policy, Executor blocking) {
        this.policy = policy;
        this.blocking = blocking;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new Resolver(executor);
    }

    private final class Resolver extends AbstractAddressResolver<InetSocketAddress> {

        Resolver(EventExecutor executor) {
            super(executor, InetSocketAddress.class);
        }

        @Override
        protected boolean doIsResolved(InetSocketAddress address) {
            return !address.isUnresolved();
        }

        @Override
        protected void doResolve(InetSocketAddress unresolved, Promise<InetSocketAddress> promise) {
            Promise<List<InetSocketAddress>> all = executor().newPromise();
            all.addListener(done -> {
                if (done.isSuccess()) {
                    promise.trySuccess(all.getNow().get(0));
                } else {
                    promise.tryFailure(done.cause());
                }
            });
            doResolveAll(unresolved, all);
        }

        @Override
        protected void doResolveAll(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise) {
            String host = unresolved.getHostString();
            if (NumericHost.looksNumeric(host)) {
                complete(unresolved, promise); // no lookup: nothing blocks
                return;
            }
            try {
                blocking.execute(() -> complete(unresolved, promise));
            } catch (RejectedExecutionException e) {
                promise.tryFailure(e);
            }
        }

        private void complete(InetSocketAddress unresolved, Promise<List<InetSocketAddress>> promise) {
            String host = unresolved.getHostString();
            int port = unresolved.getPort();
            try {
                List<InetSocketAddress> resolved = new ArrayList<>();
                for (InetAddress address : policy.addresses(host)) {
                    Optional<String> refusal = policy.connectRefusal(host, port, address);
                    if (refusal.isPresent()) {
                        // One refused address refuses the name, as at write time: a later connect
                        // attempt would otherwise try it after the public one fails.
                        promise.tryFailure(new OriginRefusedException(refusal.get()));
                        return;
                    }
                    resolved.add(new InetSocketAddress(InetAddress.getByAddress(host, address.getAddress()), port));
                }
                promise.trySuccess(resolved);
            } catch (UnknownHostException | RuntimeException e) {
                promise.tryFailure(e);
            }
        }
    }
}
