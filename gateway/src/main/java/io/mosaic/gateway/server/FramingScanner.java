package io.mosaic.gateway.server;

import io.netty.util.ByteProcessor;

/**
 * Follows an HTTP/1.1 request stream byte by byte ahead of Netty's decoder, far enough to look at
 * the start of every line of every request head, and no further: it stops at the end of a head,
 * at a line that starts with a space or tab (obs-fold, RFC 9112 §5.2), and, inside a chunked
 * body, before each chunk's data, which its caller skips by count unread. A fixed-length body is
 * not scanned at all. Its caller says what follows a head (from the head Netty decoded), so the
 * only framing it reads itself is the chunked coding's size lines and trailer section, as
 * leniently as Netty does: wherever Netty is stricter, Netty refuses the request anyway.
 *
 * <p>A {@link ByteProcessor} for {@code ByteBuf.forEachByte}: {@code process} returns false where
 * it stops, and {@link #stop()} says why. One per connection, on its event loop.
 */
final class FramingScanner implements ByteProcessor {

    /** Why the scanner stopped. */
    enum Stop {
        /** At the last byte of a request head (the LF of its empty line). */
        HEAD_END,
        /** At a head line's first byte, a space or tab: a folded header line, or whitespace before the first header. */
        OBS_FOLD,
        /** At the LF ending a chunk-size line; {@link #chunkSize()} bytes of data follow, then the scanner resumes. */
        CHUNK_DATA,
        /** At the last byte of a chunked body (the LF ending its trailer section). */
        BODY_END,
        /** At a chunk-size line without a hexadecimal size, or with one beyond a long. */
        BAD_CHUNK_SIZE
    }

    private static final byte HT = '\t';
    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final byte SP = ' ';
    private static final byte DEL = 0x7f;

    // Request head.
    /** Before the request line: Netty skips control characters and whitespace there (empty lines between requests). */
    private static final int BEFORE_REQUEST = 0;
    private static final int IN_LINE = 1;
    private static final int LINE_START = 2;
    private static final int LINE_START_CR = 3;
    // Chunked body.
    private static final int CHUNK_SIZE = 4;
    private static final int CHUNK_SIZE_REST = 5;
    private static final int CHUNK_DATA_END = 6;
    private static final int TRAILER_LINE_START = 7;
    private static final int TRAILER_LINE_START_CR = 8;
    private static final int TRAILER_LINE = 9;

    private int state = BEFORE_REQUEST;
    private Stop stop;
    private long chunkSize;
    private boolean chunkSizeDigits;

    /** Next comes a request head (or empty lines before one). */
    void expectHead() {
        state = BEFORE_REQUEST;
    }

    /** Next comes a chunked body's first chunk-size line. */
    void expectChunkedBody() {
        expectChunkSize();
    }

    Stop stop() {
        return stop;
    }

    /** The size of the chunk whose data follows a {@link Stop#CHUNK_DATA} stop. */
    long chunkSize() {
        return chunkSize;
    }

    @Override
    public boolean process(byte b) {
        switch (state) {
            case BEFORE_REQUEST:
                if (b < 0 || b > SP && b != DEL) {
                    state = IN_LINE;
                }
                return true;
            case IN_LINE:
                if (b == LF) {
                    state = LINE_START;
                }
                return true;
            case LINE_START:
                if (b == SP || b == HT) {
                    return stopAt(Stop.OBS_FOLD);
                }
                if (b == LF) {
                    return stopAt(Stop.HEAD_END);
                }
                state = b == CR ? LINE_START_CR : IN_LINE;
                return true;
            case LINE_START_CR:
                if (b == LF) {
                    return stopAt(Stop.HEAD_END);
                }
                state = IN_LINE;
                return true;
            case CHUNK_SIZE:
                return chunkSize(b);
            case CHUNK_SIZE_REST:
                // Chunk extensions, or whatever Netty will judge: the line ends at LF either way.
                return b != LF || chunkSizeLineEnded();
            case CHUNK_DATA_END:
                if (b == LF) {
                    expectChunkSize();
                }
                return true;
            case TRAILER_LINE_START:
                if (b == LF) {
                    return stopAt(Stop.BODY_END);
                }
                state = b == CR ? TRAILER_LINE_START_CR : TRAILER_LINE;
                return true;
            case TRAILER_LINE_START_CR:
                if (b == LF) {
                    return stopAt(Stop.BODY_END);
                }
                state = TRAILER_LINE;
                return true;
            case TRAILER_LINE:
                if (b == LF) {
                    state = TRAILER_LINE_START;
                }
                return true;
            default:
                throw new IllegalStateException("scanner state " + state);
        }
    }

    private boolean chunkSize(byte b) {
        int digit = Character.digit(b, 16);
        if (digit >= 0 && b >= 0) {
            if (chunkSize > Long.MAX_VALUE >> 4) {
                return stopAt(Stop.BAD_CHUNK_SIZE);
            }
            chunkSize = chunkSize << 4 | digit;
            chunkSizeDigits = true;
            return true;
        }
        if (!chunkSizeDigits && (b == SP || b == HT)) {
            return true;
        }
        if (b == LF) {
            return chunkSizeLineEnded();
        }
        if (!chunkSizeDigits) {
            return stopAt(Stop.BAD_CHUNK_SIZE);
        }
        state = CHUNK_SIZE_REST;
        return true;
    }

    private boolean chunkSizeLineEnded() {
        if (!chunkSizeDigits) {
            return stopAt(Stop.BAD_CHUNK_SIZE);
        }
        if (chunkSize == 0) {
            state = TRAILER_LINE_START;
            return true;
        }
        state = CHUNK_DATA_END;
        return stopAt(Stop.CHUNK_DATA);
    }

    private void expectChunkSize() {
        state = CHUNK_SIZE;
        chunkSize = 0;
        chunkSizeDigits = false;
    }

    private boolean stopAt(Stop why) {
        stop = why;
        return false;
    }
}
