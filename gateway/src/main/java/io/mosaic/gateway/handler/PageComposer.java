package io.mosaic.gateway.handler;

import io.mosaic.gateway.fetch.FragmentOutcome;
import io.mosaic.gateway.fetch.RequestContext;
import io.mosaic.gateway.html.Asset;
import io.mosaic.gateway.layout.Segment;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.plan.PagePlan;
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

    public PageComposer(FragmentResolver resolver) {
        this.resolver = resolver;
    }

    /** A piece of the document, turned into bytes in document order. */
    private sealed interface Piece {
        record Bytes(byte[] utf8) implements Piece {
        }

        record LearnedAssets() implements Piece {
        }

        record Box(FragmentOutcome outcome, boolean primary) implements Piece {
        }
    }

    /** Writes {@code page} to {@code response}: status, then the document as it becomes ready. */
    public Mono<Void> write(PagePlan page, RequestContext context, ServerHttpResponse response) {
        DataBufferFactory buffers = response.bufferFactory();
        Sinks.One<FragmentOutcome> primaryOutcome = Sinks.one();
        List<Publisher<Piece>> parts = new ArrayList<>(page.segments().size());
        for (Segment segment : page.segments()) {
            if (segment instanceof Segment.Text text) {
                parts.add(Mono.just(new Piece.Bytes(text.utf8())));
            } else if (segment instanceof Segment.LearnedAssets) {
                parts.add(Mono.just(new Piece.LearnedAssets()));
            } else if (segment instanceof Segment.Fragment f) {
                parts.add(fragment(page, page.fragments().get(f.name()), context, primaryOutcome));
            }
            // Segment.Deferred: nothing is deferred until fragments can be marked async.
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
        // mergeSequential subscribes to every part at once (all fetches start now) and emits in document order.
        Flux<DataBuffer> body = Flux.mergeSequential(parts, parts.size(), 1)
                .map(piece -> buffers.wrap(render(piece, page, assetsWritten)));
        return response.writeWith(body);
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

    /** Called in document order, so {@code assetsWritten} tells what the browser already loads. */
    private static byte[] render(Piece piece, PagePlan page, Set<String> assetsWritten) {
        if (piece instanceof Piece.Bytes bytes) {
            return bytes.utf8();
        }
        if (piece instanceof Piece.Box box) {
            return box(box.outcome(), box.primary(), tags(box.outcome().content().assets(), assetsWritten));
        }
        // Assets found in the fragments' previous answers that the manifest does not declare.
        List<Asset> assets = new ArrayList<>();
        page.fragments().values().forEach(fragment -> assets.addAll(fragment.learnedAssets().get()));
        return tags(assets, assetsWritten).getBytes(StandardCharsets.UTF_8);
    }

    private static String tags(List<Asset> assets, Set<String> assetsWritten) {
        StringBuilder html = new StringBuilder();
        for (Asset asset : assets) {
            if (assetsWritten.add(asset.key())) {
                html.append(asset.toHtml()).append('\n');
            }
        }
        return html.toString();
    }

    /**
     * The fragment's box: its name and outcome on a wrapper element, its content inside, preceded
     * by any asset of its answer that the page does not load yet (first answers of undeclared assets).
     */
    static byte[] box(FragmentOutcome outcome, boolean primary, String assetTags) {
        String content = outcome instanceof FragmentOutcome.Failed && primary ? UNAVAILABLE : outcome.content().html();
        String html = assetTags + "<div class=\"mosaic-fragment\" data-fragment=\"" + outcome.name()
                + "\" data-fragment-state=\"" + outcome.state() + "\">" + content + "</div>";
        return html.getBytes(StandardCharsets.UTF_8);
    }
}
