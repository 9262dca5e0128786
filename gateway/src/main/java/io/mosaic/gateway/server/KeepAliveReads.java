package io.mosaic.gateway.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.ChannelOperations;

/**
 * Works around a Reactor Netty 1.3.x defect (reactor/reactor-netty#4347 and #4361, fixed after
 * 1.3.8, the newest release the package registry serves). When a kept-alive request arrives
 * before the previous exchange has ended (its last bytes written from another thread, say),
 * Reactor Netty queues it. Once the queue is drained, Reactor Netty may not ask the connection
 * for more: the client's next request on it is never read and gets no answer at all. The
 * registry API's 401s and 403s made it common enough to see in tests.
 *
 * <p>Reads are on demand (auto-read off). After each exchange ends, once Reactor Netty has
 * handed over any queued request (its hand-over is a task queued before this one), this asks
 * for the next read if no exchange is running on the connection. A read asked for twice is
 * one read; with an exchange running, Reactor Netty asks again itself when it ends. Remove this
 * once a Reactor Netty with the fix is served.
 */
final class KeepAliveReads extends ChannelInboundHandlerAdapter {

    static final String NAME = "mosaic.keepAliveReads";
    /** Package-private in Reactor Netty, so known by name: fired when an HTTP/1.1 exchange ends. */
    private static final String EXCHANGE_ENDED = "reactor.netty.http.server.HttpServerOperationsTerminatedEvent";

    /** Puts a handler right after Reactor Netty's HTTP/1.1 traffic handler, which fires the event first. */
    static void install(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
            pipeline.addAfter(NettyPipeline.HttpTrafficHandler, NAME, new KeepAliveReads());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event.getClass().getName().equals(EXCHANGE_ENDED)) {
            ctx.executor().execute(() -> {
                Channel channel = ctx.channel();
                if (channel.isActive() && ChannelOperations.get(channel) == null) {
                    ctx.read();
                }
            });
        }
        super.userEventTriggered(ctx, event);
    }
}
