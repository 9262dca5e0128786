package io.mosaic.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.netty.NettyPipeline;

/**
 * The guard against Netty's real HTTP codec, with the request bytes split as a network may split
 * them (whole, one byte at a time, at random): what the server's tests cannot choose. An
 * application handler answers each request with its method, target and body.
 */
class FramingGuardTest {

    /** The application: answers each request at its end, or when told to ({@link #answerHeld}). */
    static final class App extends ChannelInboundHandlerAdapter {
        final List<String> seen = new ArrayList<>();
        boolean hold;
        private final List<String> held = new ArrayList<>();
        private ChannelHandlerContext ctx;
        private String current;
        private final StringBuilder body = new StringBuilder();

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest request) {
                    assertThat(request.decoderResult().isSuccess()).as(request.decoderResult().toString()).isTrue();
                    current = request.method() + " " + request.uri();
                    body.setLength(0);
                }
                if (msg instanceof HttpContent content) {
                    body.append(content.content().toString(StandardCharsets.ISO_8859_1));
                }
                if (msg instanceof LastHttpContent) {
                    String request = current + " [" + body + "]";
                    seen.add(request);
                    if (hold) {
                        held.add(request);
                    } else {
                        answer(request);
                    }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        void answerHeld() {
            held.forEach(this::answer);
            held.clear();
        }

        private void answer(String request) {
            byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(bytes));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
            ctx.writeAndFlush(response);
        }
    }

    private final App app = new App();
    private final EmbeddedChannel channel = channel(app);

    private static EmbeddedChannel channel(App app) {
        EmbeddedChannel channel = new EmbeddedChannel();
        // As Reactor Netty configures it: duplicate Content-Lengths refused, RFC 9112 transfer codings.
        channel.pipeline().addLast(NettyPipeline.HttpCodec,
                new HttpServerCodec(new HttpDecoderConfig().setAllowDuplicateContentLengths(false)));
        channel.pipeline().addLast("app", app);
        FramingGuard.install(channel);
        return channel;
    }

    /** Writes {@code text} in pieces of the given sizes (the rest in one). */
    private void send(String text, int... pieces) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        for (int piece : pieces) {
            if (at >= bytes.length || !channel.isActive()) {
                break;
            }
            int n = Math.min(piece, bytes.length - at);
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, n));
            at += n;
        }
        if (at < bytes.length && channel.isActive()) {
            channel.writeInbound(Unpooled.wrappedBuffer(bytes, at, bytes.length - at));
        }
    }

    private void sendSplit(String text, String split) {
        int length = text.length();
        int[] pieces = switch (split) {
            case "whole" -> new int[] {length};
            case "bytes" -> ones(length);
            default -> random(length, new Random(split.hashCode()));
        };
        send(text, pieces);
    }

    private static int[] ones(int n) {
        int[] pieces = new int[n];
        java.util.Arrays.fill(pieces, 1);
        return pieces;
    }

    private static int[] random(int n, Random random) {
        List<Integer> pieces = new ArrayList<>();
        for (int left = n; left > 0; ) {
            int piece = 1 + random.nextInt(Math.min(left, 23));
            pieces.add(piece);
            left -= piece;
        }
        return pieces.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Everything the server wrote, as text. */
    private String written() {
        StringBuilder out = new StringBuilder();
        ByteBuf bytes;
        while ((bytes = channel.readOutbound()) != null) {
            out.append(bytes.toString(StandardCharsets.ISO_8859_1));
            bytes.release();
        }
        return out.toString();
    }

    static final String CHUNKED_POST = "POST /chunked HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;name=value\r\nhe\r\n \r\n4\r\nl\r\n\t\r\n0\r\nX-Trailer: t\r\n\r\n";
    static final String LENGTH_POST = "POST /length HTTP/1.1\r\nHost: x\r\nContent-Length: 20\r\n\r\n"
            + "a\r\n folded: no\r\n\r\n\r\n";
    static final String GET = "GET /get HTTP/1.1\r\nHost: x\r\nX-Spaces: a b\tc\r\n\r\n";

    @ParameterizedTest
    @ValueSource(strings = {"whole", "bytes", "random-1", "random-2", "random-3"})
    void pipelinedRequestsWithBodiesThatLookLikeFoldedHeadersAllPass(String split) {
        sendSplit(CHUNKED_POST + LENGTH_POST + "\r\n" + GET + GET, split);

        assertThat(app.seen).containsExactly("POST /chunked [he\r\n l\r\n\t]",
                "POST /length [a\r\n folded: no\r\n\r\n\r\n]", "GET /get []", "GET /get []");
        assertThat(channel.isActive()).isTrue();
        assertThat(written()).doesNotContain("400");
    }

    @ParameterizedTest
    @ValueSource(strings = {"whole", "bytes", "random-4"})
    void aFoldedHeadAfterPipelinedRequestsIsRefusedAfterTheirAnswers(String split) {
        sendSplit(GET + LENGTH_POST + "GET /folded HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n" + GET, split);

        assertThat(app.seen).containsExactly("GET /get []", "POST /length [a\r\n folded: no\r\n\r\n\r\n]");
        String written = written();
        assertThat(written).startsWith("HTTP/1.1 200 OK").contains("POST /length");
        String refusal = written.substring(written.lastIndexOf("HTTP/1.1 "));
        assertThat(refusal).startsWith("HTTP/1.1 400 Bad Request\r\n")
                .containsIgnoringCase("content-type: text/plain; charset=US-ASCII\r\n")
                .containsIgnoringCase("connection: close\r\n")
                .endsWith("\r\n\r\nrequest refused: obs-fold (a header line starting with a space or tab)\n");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aRefusalWaitsForTheAnswerStillBeingWritten() {
        app.hold = true;
        send(GET + "GET /bad HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");

        assertThat(app.seen).containsExactly("GET /get []");
        assertThat(written()).as("nothing before the first answer").isEmpty();
        assertThat(channel.isActive()).isTrue();

        app.answerHeld();

        assertThat(written()).startsWith("HTTP/1.1 200 OK").endsWith("request refused: Transfer-Encoding repeated\n");
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void whitespaceBeforeTheFirstHeaderIsRefusedAsObsFold() {
        send("GET / HTTP/1.1\r\n Host: x\r\n\r\n");

        assertThat(written()).contains("400 Bad Request").endsWith("request refused: " + FramingGuard.OBS_FOLD + "\n");
        assertThat(app.seen).isEmpty();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void aChunkSizeLineWithoutASizeClosesTheConnection() {
        send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n" + GET);

        assertThat(app.seen).isEmpty();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void framingNettyRefusesGetsTheReasonToo() {
        send("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n5\r\nhello\r\n0\r\n\r\n");

        assertThat(written()).endsWith("request refused: Transfer-Encoding beside Content-Length\n");
        assertThat(app.seen).isEmpty();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void anOverlongHeadIsLeftToTheServersOwnAnswer() {
        // Reactor Netty answers a too-long head with 431; here nothing downstream answers, so only the pass-through shows.
        EmbeddedChannel small = new EmbeddedChannel();
        List<Object> passed = new ArrayList<>();
        small.pipeline().addLast(NettyPipeline.HttpCodec, new HttpServerCodec(new HttpDecoderConfig().setMaxHeaderSize(64)));
        small.pipeline().addLast(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                passed.add(msg);
            }
        });
        FramingGuard.install(small);

        small.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nX-Big: " + "b".repeat(100) + "\r\n\r\n", StandardCharsets.ISO_8859_1));

        assertThat(passed).hasSize(1);
        assertThat(((HttpRequest) passed.get(0)).decoderResult().cause()).isInstanceOf(io.netty.handler.codec.TooLongFrameException.class);
        passed.forEach(ReferenceCountUtil::release);
    }
}
