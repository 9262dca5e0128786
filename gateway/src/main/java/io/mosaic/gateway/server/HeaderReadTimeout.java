package io.mosaic.gateway.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import reactor.netty.NettyPipeline;

/**
 * Closes a connection whose request head (request line and headers) has not fully arrived
 * within the timeout of its first byte: a client dripping one header byte at a time (slowloris)
 * keeps Reactor Netty's idle timeout from ever firing, since every byte is activity. Two tiny
 * handlers share the state: one before the HTTP codec sees the first byte of a request, one after
 * it sees the decoded head and the end of the answer. Everything runs on the channel's event loop.
 */
final class HeaderReadTimeout {

    private final Channel channel;
    private final long millis;
    private boolean inRequest;
    private ScheduledFuture<?> timer;

    private HeaderReadTimeout(Channel channel, Duration timeout) {
        this.channel = channel;
        this.millis = timeout.toMillis();
    }

    /** Adds the timeout around the HTTP/1.1 codec of {@code channel}; without one (HTTP/2), nothing. */
    static void install(Channel channel, Duration timeout) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NettyPipeline.HttpCodec) == null) {
            return;
        }
        HeaderReadTimeout state = new HeaderReadTimeout(channel, timeout);
        pipeline.addBefore(NettyPipeline.HttpCodec, "mosaic.headerReadStart", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                state.bytesArrived();
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                state.cancel();
                ctx.fireChannelInactive();
            }
        });
        pipeline.addAfter(NettyPipeline.HttpCodec, "mosaic.headerReadEnd", new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof HttpRequest) {
                    state.headArrived();
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof LastHttpContent) {
                    state.answered();
                }
                ctx.write(msg, promise);
            }
        });
    }

    private void bytesArrived() {
        if (!inRequest && timer == null) {
            timer = channel.eventLoop().schedule((Runnable) channel::close, millis, TimeUnit.MILLISECONDS);
        }
    }

    private void headArrived() {
        inRequest = true;
        cancel();
    }

    private void answered() {
        inRequest = false;
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }
}
