package io.mosaic.gateway.handler;

import io.mosaic.gateway.html.Asset;
import io.mosaic.gateway.layout.Segment;
import io.mosaic.gateway.metrics.PageMetrics;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.plan.PagePlan;
import io.mosaic.gateway.render.Boxes;
import io.mosaic.gateway.render.Spliced;
import io.mosaic.gateway.request.RequestContext;
import io.mosaic.gateway.resolve.FragmentOutcome;
import io.mosaic.gateway.resolve.FragmentResolver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Streams one page: every fragment is fetched at once, and the document goes out in order as
 * soon as each piece is ready; a slow fragment holds back only what follows it. When the page
 * has a primary fragment, nothing is written until it has decided the status.
 */
public final class PageComposer {

    /** What a failed primary fragment's box says on the 503 page. */
    static final String UNAVAILABLE = "<p class=\"mosaic-unavailable\">This part of the console is unavailable right now. "
            + "Please try again in a moment.</p>";

    private final FragmentResolver resolver;
    private final PageMetrics metrics;

    public PageComposer(FragmentResolver resolver, PageMetrics metrics) {
        this.resolver = resolver;
        this.metrics = metrics;
    }

    /** A piece of the document, turned into bytes in document order. */
    private sealed interface Piece {
        record Text(Spliced markup) implements Piece {
        }

        record Box(FragmentOutcome outcome, boolean primary) implements Piece {
        }

        /** Where a non-blocking fragment goes; the page streams past it. */
        record Placeholder(String name) implements Piece {
        }

        /** A non-blocking fragment's content, arriving at the end of the body. */
        record Late(FragmentOutcome outcome) implements Piece {
        }
    }

    /**
     * Writes {@code page} to {@code response}: status, then the document as it becomes ready.
     * Every script the gateway writes, and every inline script of a trusted fragment, carries
     * {@code nonce}, the one in this response's Content-Security-Policy.
     */
    public Mono<Void> write(PagePlan page, RequestContext context, String nonce, ServerHttpResponse response) {
        DataBufferFactory buffers = response.bufferFactory();
        Sinks.One<FragmentOutcome> primaryOutcome = Sinks.one();
        List<Publisher<Piece>> parts = new ArrayList<>(page.segments().size());
        List<Mono<Piece>> late = new ArrayList<>();
        for (Segment segment : page.segments()) {
            if (segment instanceof Segment.Text text) {
                parts.add(Mono.just(new Piece.Text(text.markup())));
            } else if (segment instanceof Segment.Fragment f) {
                FragmentPlan fragment = page.fragments().get(f.name());
                if (fragment.definition().async() && fragment != page.primary()) {
                    parts.add(Mono.just(new Piece.Placeholder(fragment.name())));
                    late.add(resolver.resolve(fragment, context, false).map(Piece.Late::new));
                } else {
                    parts.add(fragment(page, fragment, context, primaryOutcome));
                }
            } else if (segment instanceof Segment.Deferred) {
                // Non-blocking fragments, in the order they arrive.
                parts.add(Flux.defer(() -> Flux.merge(late)));
            }
        }
        if (page.primary() != null) {
            Publisher<Piece> first = parts.get(0);
            parts.set(0, primaryOutcome.asMono().flatMap(outcome -> {
                HttpStatus status = PageStatus.of(outcome);
                response.setStatusCode(status);
                if (status == HttpStatus.SERVICE_UNAVAILABLE) {
                    response.getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
                }
                return Mono.from(first);
            }));
        }
        Set<String> assetsWritten = new HashSet<>(page.headAssetKeys());
        byte[] nonceBytes = nonce.getBytes(StandardCharsets.US_ASCII);
        // mergeSequential subscribes to every part at once (all fetches start now) and emits in document order.
        long started = System.nanoTime();
        boolean[] first = new boolean[1];
        ServerTiming timing = new ServerTiming();
        Flux<DataBuffer> body = Flux.mergeSequential(parts, parts.size(), 1)
                .doOnNext(timing::add)
                .map(piece -> render(piece, assetsWritten, nonce, nonceBytes, buffers))
                .doOnNext(buffer -> {
                    if (!first[0]) { // pieces arrive one at a time, in order: no race on the flag
                        first[0] = true;
                        metrics.firstByte(page.path(), System.nanoTime() - started);
                    }
                })
                .concatWith(Mono.fromSupplier(() -> buffers.wrap(timing.comment(System.nanoTime() - started))))
                .doOnComplete(() -> metrics.latency(page.path(), status(response), System.nanoTime() - started));
        // What is known when the headers leave goes into a real header, the one devtools show:
        // every fragment of a page served from stored answers, the primary fragment, the time to headers.
        response.beforeCommit(() -> {
            response.getHeaders().set(SERVER_TIMING, timing.header(System.nanoTime() - started));
            return Mono.empty();
        });
        return response.writeWith(Bursts.join(body, context.loop(), buffers));
    }

    private static int status(ServerHttpResponse response) {
        HttpStatusCode status = response.getStatusCode();
        return status == null ? 200 : status.value();
    }

    private Mono<Piece> fragment(PagePlan page, FragmentPlan fragment, RequestContext context,
                                 Sinks.One<FragmentOutcome> primaryOutcome) {
        boolean primary = fragment == page.primary();
        return resolver.resolve(fragment, context, primary)
                .doOnNext(outcome -> {
                    if (primary) {
                        primaryOutcome.tryEmitValue(outcome);
                    }
                })
                .map(outcome -> new Piece.Box(outcome, primary));
    }

    /**
     * Called in document order, so {@code assetsWritten} tells what the browser already loads. A
     * box's content is written from the bytes its parse already encoded, the nonce spliced in.
     */
    private static DataBuffer render(Piece piece, Set<String> assetsWritten, String nonce, byte[] nonceBytes,
                                     DataBufferFactory buffers) {
        if (piece instanceof Piece.Text text) {
            return text.markup().write(buffers, nonceBytes);
        }
        if (piece instanceof Piece.Box box) {
            FragmentOutcome outcome = box.outcome();
            String open = tags(outcome.content().assets(), assetsWritten, nonce) + Boxes.open(outcome.name(), outcome.state().id(), outcome.cache());
            DataBuffer content = outcome instanceof FragmentOutcome.Failed && box.primary()
                    ? buffers.wrap(UNAVAILABLE_UTF8) : outcome.content().markup().write(buffers, nonceBytes);
            return buffers.join(List.of(buffers.wrap(open.getBytes(StandardCharsets.UTF_8)), content, buffers.wrap(Boxes.CLOSE)));
        }
        if (piece instanceof Piece.Placeholder placeholder) {
            return buffers.wrap(Boxes.placeholder(placeholder.name(), FragmentOutcome.State.PENDING.id()));
        }
        FragmentOutcome outcome = ((Piece.Late) piece).outcome();
        String open = tags(outcome.content().assets(), assetsWritten, nonce) + Boxes.openLate(outcome.name(), outcome.state().id(), outcome.cache());
        return buffers.join(List.of(buffers.wrap(open.getBytes(StandardCharsets.UTF_8)),
                outcome.content().markup().write(buffers, nonceBytes), buffers.wrap(Boxes.CLOSE),
                Boxes.moverMarkup(outcome.name()).write(buffers, nonceBytes)));
    }

    static final String SERVER_TIMING = "Server-Timing";

    /**
     * Each fragment's duration and outcome in the {@code Server-Timing} syntax. The headers leave
     * with the first bytes of the page, usually before most fragments have answered, and browsers
     * ignore trailers: so the {@code Server-Timing} header, which devtools show, carries the
     * fragments done by then and the time to headers ({@code head}); the whole list is an HTML
     * comment at the very end of the document. Pieces may arrive on another event loop than the
     * one that writes the headers, hence the lock.
     */
    private static final class ServerTiming {
        private final StringBuilder entries = new StringBuilder();

        synchronized void add(Piece piece) {
            FragmentOutcome outcome = piece instanceof Piece.Box box ? box.outcome()
                    : piece instanceof Piece.Late late ? late.outcome() : null;
            if (outcome == null) {
                return;
            }
            entries.append(outcome.name()).append(";desc=").append(outcome.state().id());
            if (outcome.cache() != null) {
                entries.append(";cache=").append(outcome.cache());
            }
            if (outcome instanceof FragmentOutcome.Fresh fresh && fresh.fetched()) {
                entries.append(";dur=").append(fresh.latency().toNanos() / 10_000 / 100.0);
            }
            entries.append(", ");
        }

        synchronized String header(long headNanos) {
            return entries + "head;dur=" + headNanos / 10_000 / 100.0;
        }

        synchronized byte[] comment(long pageNanos) {
            return ("\n<!-- Server-Timing: " + entries + "page;dur=" + pageNanos / 10_000 / 100.0 + " -->\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final byte[] UNAVAILABLE_UTF8 = UNAVAILABLE.getBytes(StandardCharsets.UTF_8);

    /** Tags for the stylesheets (and a trusted fragment's scripts) an answer links that the page does not load yet. */
    private static String tags(List<Asset> assets, Set<String> assetsWritten, String nonce) {
        if (assets.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        for (Asset asset : assets) {
            if (assetsWritten.add(asset.key())) {
                html.append(asset.toHtml(nonce)).append('\n');
            }
        }
        return html.toString();
    }

}
