package io.mosaic.gateway.origin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;

/**
 * The last check before a socket opens: the address about to be connected to, judged by the
 * origin policy for the origin the client was asked for. It is what refuses an IP literal (Netty
 * does not resolve those, so {@link PolicyAddressResolverGroup} never sees them), and it judges
 * resolved names again with the exact scheme. One per channel; it leaves the pipeline once the
 * connect is let through.
 */
final class ConnectCheck extends ChannelOutboundHandlerAdapter {

    /** Its name in the pipeline. */
    static final String NAME = "mosaic.originCheck";

    private final OriginPolicy policy;
    private final SocketAddress requested;

    /** @param requested the address the client was asked to connect to, before resolution */
    ConnectCheck(OriginPolicy policy, SocketAddress requested) {
        this.policy = policy;
        this.requested = requested;
    }

    @Override
    public void connect(ChannelHandlerContext ctx, SocketAddress remote, SocketAddress local, ChannelPromise promise) {
        if (!(remote instanceof InetSocketAddress target) || target.isUnresolved()) {
            promise.tryFailure(new OriginRefusedException("connection to " + remote + " refused: not a resolved IP address"));
            return;
        }
        InetSocketAddress origin = requested instanceof InetSocketAddress asked ? asked : target;
        String scheme = ctx.pipeline().get(SslHandler.class) != null ? "https" : "http";
        Optional<String> refusal = policy.connectRefusal(origin.getHostString(), origin.getPort(), scheme, target.getAddress());
        if (refusal.isPresent()) {
            promise.tryFailure(new OriginRefusedException(refusal.get()));
            return;
        }
        ctx.pipeline().remove(this);
        ctx.connect(remote, local, promise);
    }
}
