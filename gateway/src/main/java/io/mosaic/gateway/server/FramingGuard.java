package io.mosaic.gateway.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.netty.NettyPipeline;

/**
 * Refuses, with a 400 that names the reason and a closed connection, requests whose framing two
 * HTTP implementations could read differently: a transfer coding other than {@code chunked},
 * Transfer-Encoding repeated or beside a Content-Length, several or malformed Content-Lengths
 * ({@link RequestFraming}), and obs-fold, a header line continued on the next line that starts
 * with a space or tab (RFC 9112 §5.2). Netty's decoder joins a folded line into the previous
 * header's value, so obs-fold is only visible in the raw bytes.
 *
 * <p>Two handlers share one connection's state. One before Netty's HTTP codec runs
 * {@link FramingScanner} over the bytes and hands them on in step with the requests: the bytes of
 * each request head up to its last byte, then, once the decoded head (seen by the other handler
 * at once) has said what follows, its body, counted rather than read, before the next head is
 * scanned. The handler right after the codec judges the decoded head and checks that the decoder
 * produced each request and each body's end exactly where the scanner found them; if the two ever
 * disagree the connection is closed, so no head can pass unscanned. A refusal waits until the
 * connection's earlier (pipelined) requests have been answered, then is written and the
 * connection closed; what the client sends meanwhile is dropped, and no handler or origin ever
 * sees a refused request. Everything runs on the channel's event loop; an accepted request costs
 * one pass over its head's bytes and two header look-ups.
 */
final class FramingGuard {

    private static final Logger log = LoggerFactory.getLogger(FramingGuard.class);

    static final String SCAN = "mosaic.framingScan";
    static final String CHECK = "mosaic.framingCheck";
    static final String OBS_FOLD = "obs-fold (a header line starting with a space or tab)";

    private enum Mode {
        /** Scanning for the end of a request head. */
        HEAD,
        /** Counting a fixed-length body. */
        BODY,
        /** Following a chunked body. */
        CHUNKED,
        /** Handing everything on unread: Netty refused the request (Reactor Netty answers and closes), or the protocol switched. */
        PASS,
        /** Refused: dropping everything. */
        DROP
    }

    private final FramingScanner scanner = new FramingScanner();
    private Mode mode = Mode.HEAD;
    /** Bytes of a fixed-length body, or of a chunk's data, still to hand on unread. */
    private long skip;
    /** The bytes being handed on end a request head: the decoder may produce a request now. */
    private boolean headDue;
    /** The bytes being handed on end a request body: the decoder may produce its last content now. */
    private boolean bodyEndDue;
    // What the decoder produced for the current request.
    private boolean requestSeen;
    private boolean lastSeen;
    private boolean chunked;
    private long length;
    /** Requests handed on whose answer has not been written to its end yet. */
    private int unanswered;
    private boolean informational;
    private String pendingRefusal;
    private ChannelHandlerContext checkContext;
    /** Whether the buffer being scanned was handed on whole (then it is not ours to release). */
    private boolean handedWhole;

    private FramingGuard() {
    }

    /**
     * Puts the guard around the HTTP/1.1 codec of {@code channel}; without one (HTTP/2), nothing.
     * The checking handler joins on the first read, right after the codec, so that it sees each
     * decoded request before any handler other customizers put after the codec at channel init.
     */
    static void install(Channel channel) {
        ChannelPipeline pipeline = channel.pipeline();
        if (pipeline.get(NettyPipeline.HttpCodec) == null) {
            return;
        }
        FramingGuard guard = new FramingGuard();
        ChannelDuplexHandler check = new ChannelDuplexHandler() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                guard.checkContext = ctx;
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                guard.decoded(ctx, msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                guard.writing(ctx, msg, promise);
            }
        };
        pipeline.addBefore(NettyPipeline.HttpCodec, SCAN, new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (guard.checkContext == null && guard.mode != Mode.PASS) {
                    if (ctx.pipeline().get(NettyPipeline.HttpCodec) == null) {
                        guard.mode = Mode.PASS; // no HTTP/1.1 codec any more: nothing to guard
                    } else {
                        ctx.pipeline().addAfter(NettyPipeline.HttpCodec, CHECK, check);
                    }
                }
                if (msg instanceof ByteBuf bytes) {
                    guard.scan(ctx, bytes);
                } else {
                    ctx.fireChannelRead(msg);
                }
            }
        });
    }

    // ---- before the codec: raw bytes ----

    private void scan(ChannelHandlerContext ctx, ByteBuf in) {
        if (mode == Mode.PASS) {
            ctx.fireChannelRead(in);
            return;
        }
        if (mode == Mode.DROP) {
            in.release();
            return;
        }
        handedWhole = false;
        int end = in.writerIndex();
        int sent = in.readerIndex();
        int at = sent;
        try {
            while (at < end && (mode == Mode.HEAD || mode == Mode.BODY || mode == Mode.CHUNKED)) {
                if (skip > 0) {
                    int unread = (int) Math.min(skip, end - at);
                    at += unread;
                    skip -= unread;
                    if (skip == 0 && mode == Mode.BODY) {
                        sent = handOnBodyEnd(ctx, in, sent, at);
                    }
                    continue;
                }
                int stop = in.forEachByte(at, end - at, scanner);
                if (stop < 0) {
                    at = end;
                    break;
                }
                at = stop + 1;
                switch (scanner.stop()) {
                    case HEAD_END -> sent = handOnHead(ctx, in, sent, at);
                    case CHUNK_DATA -> skip = scanner.chunkSize();
                    case BODY_END -> sent = handOnBodyEnd(ctx, in, sent, at);
                    case OBS_FOLD -> refuse(OBS_FOLD);
                    case BAD_CHUNK_SIZE -> {
                        log.debug("closed a connection: a chunk-size line without a size");
                        close(ctx);
                    }
                }
            }
            if (mode != Mode.DROP && sent < end) {
                handOn(ctx, in, sent, end);
            }
        } finally {
            if (!handedWhole) {
                in.release();
            }
        }
    }

    private int handOnHead(ChannelHandlerContext ctx, ByteBuf in, int from, int to) {
        requestSeen = false;
        lastSeen = false;
        headDue = true;
        try {
            handOn(ctx, in, from, to);
        } finally {
            headDue = false;
        }
        if (mode != Mode.HEAD) {
            return to; // refused, or Netty's own refusal passed on
        }
        if (!requestSeen) {
            diverged(ctx, "no request decoded where its head ended");
        } else if (chunked) {
            mode = Mode.CHUNKED;
            scanner.expectChunkedBody();
        } else if (lastSeen) {
            scanner.expectHead();
        } else if (length > 0) {
            mode = Mode.BODY;
            skip = length;
        } else {
            diverged(ctx, "a request without a length whose body did not end");
        }
        return to;
    }

    private int handOnBodyEnd(ChannelHandlerContext ctx, ByteBuf in, int from, int to) {
        bodyEndDue = true;
        try {
            handOn(ctx, in, from, to);
        } finally {
            bodyEndDue = false;
        }
        if (mode == Mode.BODY || mode == Mode.CHUNKED) {
            if (lastSeen) {
                mode = Mode.HEAD;
                scanner.expectHead();
            } else {
                diverged(ctx, "a body the decoder did not end where its framing did");
            }
        }
        return to;
    }

    /** Hands bytes {@code from..to} of {@code in} to the codec; the whole buffer itself when that is all of it. */
    private void handOn(ChannelHandlerContext ctx, ByteBuf in, int from, int to) {
        if (from == in.readerIndex() && to == in.writerIndex()) {
            handedWhole = true;
            ctx.fireChannelRead(in);
        } else if (to > from) {
            ctx.fireChannelRead(in.retainedSlice(from, to - from));
        }
    }

    // ---- after the codec: decoded requests, and answers on their way out ----

    private void decoded(ChannelHandlerContext ctx, Object msg) {
        if (mode == Mode.DROP) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (mode == Mode.PASS) {
            if (msg instanceof HttpRequest) {
                unanswered++;
            }
            ctx.fireChannelRead(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            request(ctx, request);
            return;
        }
        if (msg instanceof HttpContent content) {
            if (content.decoderResult().isFailure()) {
                mode = Mode.PASS; // a malformed chunk: Reactor Netty fails the exchange and closes
            } else if (msg instanceof LastHttpContent) {
                if (!headDue && !bodyEndDue) {
                    ReferenceCountUtil.release(msg);
                    diverged(ctx, "a body the decoder ended before its framing did");
                    return;
                }
                lastSeen = true;
            }
        }
        ctx.fireChannelRead(msg);
    }

    private void request(ChannelHandlerContext ctx, HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure() && result.cause() instanceof TooLongFrameException) {
            passOnRefused(ctx, request); // 414 or 431 from Reactor Netty
            return;
        }
        String problem = RequestFraming.problem(request);
        if (problem != null) {
            ReferenceCountUtil.release(request);
            refuse(problem);
            return;
        }
        if (result.isFailure()) {
            passOnRefused(ctx, request); // Netty's own refusal: Reactor Netty answers 400 and closes
            return;
        }
        if (!headDue) {
            ReferenceCountUtil.release(request);
            diverged(ctx, "a request decoded where no head ended");
            return;
        }
        requestSeen = true;
        chunked = HttpUtil.isTransferEncodingChunked(request);
        length = chunked ? 0 : HttpUtil.getContentLength(request, 0L);
        unanswered++;
        ctx.fireChannelRead(request);
    }

    private void passOnRefused(ChannelHandlerContext ctx, HttpRequest request) {
        mode = Mode.PASS;
        unanswered++;
        ctx.fireChannelRead(request);
    }

    private void writing(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response) {
            informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code() && mode != Mode.DROP) {
                mode = Mode.PASS; // what follows is not HTTP/1.1
            }
        }
        boolean answered = msg instanceof LastHttpContent && !informational;
        ctx.write(msg, promise);
        if (answered && unanswered > 0 && --unanswered == 0 && pendingRefusal != null) {
            String reason = pendingRefusal;
            pendingRefusal = null;
            writeRefusal(reason);
        }
    }

    // ---- refusing ----

    private void refuse(String reason) {
        mode = Mode.DROP;
        log.debug("refused a request: {}", reason);
        if (unanswered == 0) {
            writeRefusal(reason);
        } else {
            // Written after the earlier answers end: the response encoder is mid-answer until then.
            pendingRefusal = reason;
        }
    }

    private void writeRefusal(String reason) {
        BadRequest.writeAndClose(checkContext, HttpVersion.HTTP_1_1, "request refused: " + reason);
    }

    /** The scanner and the decoder read the framing differently: nothing after this point can be trusted. */
    private void diverged(ChannelHandlerContext ctx, String what) {
        log.warn("closed a connection whose request framing the gateway and Netty's decoder read differently: {}", what);
        close(ctx);
    }

    private void close(ChannelHandlerContext ctx) {
        mode = Mode.DROP;
        ctx.close();
    }
}
