package io.mosaic.gateway.handler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Joins the pieces of a page that become ready together into one write. A page is a dozen
 * pieces (layout text, boxes, the timing comment); written one by one, each is a chunk through
 * Netty's HTTP encoder and an entry in the socket's write vector. When several are ready at once
 * (stored answers, fragments that answered together) they now leave as one chunk. A piece waits
 * for nothing: the write happens in the next task of the connection's event loop, right after the
 * pieces that arrived in the same task.
 */
final class Bursts {

    private Bursts() {
    }

    /** {@code pieces}, joined per burst; as they are when there is no event loop (a mock server). */
    static Flux<DataBuffer> join(Flux<DataBuffer> pieces, Executor loop, DataBufferFactory buffers) {
        if (loop == null) {
            return pieces;
        }
        return Flux.create(sink -> {
            Burst burst = new Burst(sink, loop, buffers);
            // The pieces run in the page request's Reactor context, as they would without this.
            Disposable upstream = pieces.contextWrite(sink.contextView()).subscribe(burst::add, burst::fail, burst::complete);
            sink.onDispose(() -> {
                upstream.dispose();
                burst.release();
            });
        });
    }

    private static final class Burst {
        private final FluxSink<DataBuffer> sink;
        private final Executor loop;
        private final DataBufferFactory buffers;
        private List<DataBuffer> pending = new ArrayList<>(4);
        private boolean scheduled;
        private boolean done;
        private Throwable error;

        Burst(FluxSink<DataBuffer> sink, Executor loop, DataBufferFactory buffers) {
            this.sink = sink;
            this.loop = loop;
            this.buffers = buffers;
        }

        void add(DataBuffer piece) {
            synchronized (this) {
                pending.add(piece);
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
            loop.execute(this::drain);
        }

        void fail(Throwable failure) {
            end(failure);
        }

        void complete() {
            end(null);
        }

        private void end(Throwable failure) {
            synchronized (this) {
                done = true;
                error = failure;
                if (scheduled) {
                    return;
                }
                scheduled = true;
            }
            loop.execute(this::drain);
        }

        private void drain() {
            List<DataBuffer> out;
            boolean finished;
            Throwable failure;
            synchronized (this) {
                out = pending;
                pending = new ArrayList<>(4);
                scheduled = false;
                finished = done;
                failure = error;
            }
            if (!out.isEmpty()) {
                if (sink.isCancelled()) {
                    out.forEach(DataBufferUtils::release);
                } else {
                    sink.next(out.size() == 1 ? out.get(0) : buffers.join(out));
                }
            }
            if (finished) {
                if (failure != null) {
                    sink.error(failure);
                } else {
                    sink.complete();
                }
            }
        }

        synchronized void release() {
            pending.forEach(DataBufferUtils::release);
            pending.clear();
        }
    }
}
