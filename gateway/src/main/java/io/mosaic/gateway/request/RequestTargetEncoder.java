package io.mosaic.gateway.request;

import io.mosaic.gateway.server.BadRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after Netty's HTTP decoder, before Reactor Netty and Spring see a request: encodes
 * the characters browsers leave raw in a query ({@code [ ] | { } ^ `}, quotes, UTF-8 bytes), which
 * Spring WebFlux's {@code java.net.URI} would refuse with an empty 400 before any handler or filter
 * of the gateway runs. A query with a broken escape ({@code %zz}) is answered here, with a 400
 * that names the problem, and the connection is closed. The path is left as it came: judging it
 * is the path policy's job.
 *
 * <p>One instance per connection: after a refusal it drops what else the connection sends.
 */
final class RequestTargetEncoder extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(RequestTargetEncoder.class);

    private boolean refused;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request && request.decoderResult().isSuccess()) {
            String target = request.uri();
            int question = target.indexOf('?');
            if (question >= 0) {
                String query = target.substring(question + 1);
                try {
                    String encoded = QueryEncoding.encode(query, QueryEncoding.Chars.BYTES, false);
                    if (!encoded.equals(query)) {
                        request.setUri(target.substring(0, question + 1) + encoded);
                    }
                } catch (QueryEncoding.BadEscape e) {
                    refused = true;
                    ReferenceCountUtil.release(msg);
                    log.debug("refused a request target with {}", e.getMessage());
                    BadRequest.writeAndClose(ctx, request.protocolVersion(), e.getMessage());
                    return;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }
}
