package io.mosaic.gateway.resolve;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mosaic.gateway.cache.FragmentCache;
import io.mosaic.gateway.cache.InFlight;
import io.mosaic.gateway.cache.Reuse;
import io.mosaic.gateway.cache.Sharing;
import io.mosaic.gateway.cache.Stored;
import io.mosaic.gateway.fetch.CachingHeaders;
import io.mosaic.gateway.fetch.FetchFailure;
import io.mosaic.gateway.fetch.FetchedBody;
import io.mosaic.gateway.fetch.FragmentFetcher;
import io.mosaic.gateway.fetch.FragmentQuery;
import io.mosaic.gateway.fetch.SentHeaders;
import io.mosaic.gateway.html.FragmentParser;
import io.mosaic.gateway.html.ParsedFragment;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.request.RequestContext;
import io.mosaic.gateway.request.RequestMdc;
import io.mosaic.manifest.FragmentDefinition;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * Resolves one fragment for one page request into exactly one {@link FragmentOutcome}, as a
 * pipeline: a stored answer HTTP's rules allow (fresh; or stale while a background fetch
 * revalidates it) → otherwise a fetch under its deadline, breaker and bulkhead ({@link Resilience}),
 * joined with any fetch of the same variant for the same user under way ({@link Sharing}),
 * conditional when the stored answer has validators → parse (or reuse the parse of identical
 * bytes, or of the stored answer on a 304) → store by the answer's rules; on any failure: the
 * stored answer while {@code stale-if-error} (or the manifest's {@code staleFor}) allows → the
 * manifest's fallback → an empty, marked box.
 * Never errors: the page always gets an outcome.
 */
public final class FragmentResolver {

    /**
     * Good content from one fetch, shared by the requests that joined it and that it serves too:
     * {@code sentBy} is what the fetch sent, {@code reuse} what the answer said of its reuse.
     */
    private record Answer(ParsedFragment content, Duration latency, FragmentOutcome.CacheUse use, SentHeaders sentBy,
                          Reuse reuse) {
    }

    /** Why a page whose fragment's breaker is open shows its stale copy or fallback. */
    private static final FetchFailure BREAKER_OPEN = new FetchFailure(FetchFailure.Kind.BREAKER_OPEN, "circuit breaker is open");

    private final FragmentFetcher fetcher;
    private final Resilience resilience;
    private final FragmentParser parser;
    private final ParsedFragments parsed;
    private final FragmentCache cache;
    private final InFlight<Answer> inFlight = new InFlight<>();
    private final ResolutionListener[] listeners;

    /**
     * @param resilience the deadline, breaker and bulkhead every fetch runs under
     * @param listeners told of every answer and outcome, in this order (see {@link ResolutionListener})
     */
    public FragmentResolver(FragmentFetcher fetcher, Resilience resilience, FragmentParser parser, FragmentCache cache,
                            ResolutionListener... listeners) {
        this.fetcher = fetcher;
        this.resilience = resilience;
        this.parser = parser;
        this.parsed = new ParsedFragments(parser, 16L * 1024 * 1024);
        this.cache = cache;
        this.listeners = listeners.clone();
    }

    /** The outcome of {@code fragment} for this request; {@code primary} when the page's status follows it. */
    public Mono<FragmentOutcome> resolve(FragmentPlan fragment, RequestContext context, boolean primary) {
        return Mono.defer(() -> {
            FragmentDefinition definition = fragment.definition();
            URI uri = FragmentQuery.withQuery(definition.url(), context.rawQuery(), definition.forward().query());
            String url = uri.toString();
            SentHeaders sent = new SentHeaders(context.pagePath(), fragment.proxyBase(),
                    fragment.policy().headers().forPageFetch(context.headers(), context.browser()));
            // An operator who forced the breaker open took the fragment off the pages: no stored answer shows either.
            Stored stored = takenOff(fragment) ? null : cache.lookup(fragment.name(), url, sent);
            long now = System.nanoTime();
            Mono<FragmentOutcome> outcome;
            if (stored != null && stored.fresh(now)) {
                outcome = Mono.just(new FragmentOutcome.Fresh(fragment.name(), content(fragment, stored), Duration.ZERO,
                        FragmentOutcome.CacheUse.HIT));
            } else if (stored != null && stored.servableWhileRevalidating(now)) {
                fetch(fragment, uri, url, sent, stored, context, false).subscribe(answer -> { },
                        error -> revalidationFailed(fragment, FetchFailure.of(error, definition.timeout())));
                outcome = Mono.just(new FragmentOutcome.Fresh(fragment.name(), content(fragment, stored), Duration.ZERO,
                        FragmentOutcome.CacheUse.STALE));
            } else if (refusing(fragment)) {
                // Open or half-open: the page does not wait for an origin the breaker holds failing. The
                // call the breaker lets through (its first after openFor, the half-open probes) runs in the
                // background, and no page joins it; the breaker records it, and its answer is stored as
                // its headers allow.
                fetchNow(fragment, uri, url, sent, stored, context, false).subscribe(answer -> { }, error -> { });
                outcome = Mono.just(instead(fragment, url, sent, BREAKER_OPEN, primary));
            } else {
                outcome = fetch(fragment, uri, url, sent, stored, context, primary)
                        .<FragmentOutcome>map(answer -> new FragmentOutcome.Fresh(fragment.name(), answer.content(),
                                answer.latency(), answer.use()))
                        .onErrorResume(error -> Mono.just(instead(fragment, url, sent,
                                FetchFailure.of(error, definition.timeout()), primary)));
            }
            // The request's id (and trace id) in the MDC of the lines logged about the outcome.
            return outcome.transform(RequestMdc.around(context.requestId(), context.headers().get("traceparent")))
                    .doOnNext(result -> resolved(fragment, result, context.requestId()));
        });
    }

    /**
     * The fetch of this variant for this user: the one under way, or a new one. Requests that send
     * the same request (bar ids and traces) share one fetch and its answer, whatever it says. Once
     * an answer has told which headers matter, requests of the same user that would find the same
     * stored variant join too, and each takes the answer only when it {@link Sharing#serves serves}
     * it as well; the others fetch their own, shared with requests identical to theirs.
     */
    private Mono<Answer> fetch(FragmentPlan fragment, URI uri, String url, SentHeaders sent, Stored stored,
                               RequestContext context, boolean primary) {
        String prefix = fragment.name() + (primary ? "\u0000primary\u0000" : "\u0000");
        Supplier<Mono<Answer>> fetch = () -> fetchNow(fragment, uri, url, sent, stored, context, primary);
        Supplier<Mono<Answer>> own = () -> inFlight.join(prefix + Sharing.exactKey(url, sent), fetch);
        String known = cache.knownKey(fragment.name(), url, sent);
        if (known == null) {
            return own.get();
        }
        return inFlight.join(prefix + Sharing.variantKey(known, sent), fetch,
                answer -> Sharing.serves(answer.sentBy(), answer.reuse(), sent), own);
    }

    private Mono<Answer> fetchNow(FragmentPlan fragment, URI uri, String url, SentHeaders sent, Stored stored,
                                  RequestContext context, boolean primary) {
        Mono<FetchedBody> fetch = fetcher.fetch(fragment.definition(), uri, sent, stored == null ? null : stored.headers(),
                context, primary);
        return resilience.guard(fetch, fragment, context).map(body -> accept(fragment, url, sent, stored, body));
    }

    /** Parses (or, on a 304, reuses) the answer and stores it as its headers allow. */
    private Answer accept(FragmentPlan fragment, String url, SentHeaders sent, Stored stored, FetchedBody body) {
        FragmentDefinition definition = fragment.definition();
        long now = System.nanoTime();
        if (body.notModified()) {
            CachingHeaders headers = stored.headers().updatedBy(body.caching());
            ParsedFragment content = content(fragment, stored);
            Reuse reuse = Reuse.decide(headers, definition.cacheFor(), definition.staleFor(), definition.forward(),
                    sent.carriesCredentials());
            keep(fragment, url, sent, new Stored(stored.body(), content, fragment.planVersion(), headers, reuse, now));
            return new Answer(content, body.latency(), FragmentOutcome.CacheUse.REVALIDATED, sent, reuse);
        }
        ParsedFragment content = parsed.parse(fragment, body);
        Reuse reuse = Reuse.decide(body.caching(), definition.cacheFor(), definition.staleFor(), definition.forward(),
                sent.carriesCredentials());
        keep(fragment, url, sent, new Stored(body, content, fragment.planVersion(), body.caching(), reuse, now));
        for (ResolutionListener listener : listeners) {
            listener.answered(fragment, body);
        }
        return new Answer(content, body.latency(), FragmentOutcome.CacheUse.MISS, sent, reuse);
    }

    private void keep(FragmentPlan fragment, String url, SentHeaders sent, Stored stored) {
        if (stored.reuse().stored()) {
            cache.store(fragment.name(), url, sent, stored);
        } else {
            cache.forget(fragment.name(), url, sent);
        }
    }

    /** The stored answer's content, parsed again (from its kept bytes) when another plan is in force since. */
    private ParsedFragment content(FragmentPlan fragment, Stored stored) {
        return stored.planVersion() == fragment.planVersion() ? stored.content() : parsed.parse(fragment, stored.body());
    }

    /**
     * Whether the fragment's breaker is open or half-open: it lets no page's call through, bar its
     * probes. (Held closed by an admin, it is disabled and lets every call through; held open, it is
     * forced open, and {@link #takenOff} holds.)
     */
    private static boolean refusing(FragmentPlan fragment) {
        CircuitBreaker.State state = fragment.breaker().getState();
        return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.HALF_OPEN;
    }

    private static boolean takenOff(FragmentPlan fragment) {
        return fragment.breaker().getState() == CircuitBreaker.State.FORCED_OPEN;
    }

    private FragmentOutcome instead(FragmentPlan fragment, String url, SentHeaders sent, FetchFailure failure, boolean primary) {
        boolean gone = failure.status() == 404 || failure.status() == 410;
        if (gone && primary && failure.body() != null && failure.body().length > 0) {
            // The origin's own "not found" page says more than any fallback could.
            String html = new String(failure.body(), StandardCharsets.UTF_8);
            return new FragmentOutcome.Fallback(fragment.name(), parser.parse(html, fragment.urls(), fragment.policy().trust()), failure);
        }
        if (!gone && !takenOff(fragment) && failure.kind() != FetchFailure.Kind.CLIENT_ERROR) {
            Stored copy = cache.lookup(fragment.name(), url, sent);
            long now = System.nanoTime();
            if (copy != null && copy.servableOnError(now)) {
                return new FragmentOutcome.Stale(fragment.name(), content(fragment, copy), copy.age(now), failure);
            }
        }
        if (fragment.fallback() != null) {
            return new FragmentOutcome.Fallback(fragment.name(), fragment.fallback(), failure);
        }
        return new FragmentOutcome.Failed(fragment.name(), failure);
    }

    private void revalidationFailed(FragmentPlan fragment, FetchFailure failure) {
        for (ResolutionListener listener : listeners) {
            listener.revalidationFailed(fragment, failure);
        }
    }

    private void resolved(FragmentPlan fragment, FragmentOutcome outcome, String requestId) {
        for (ResolutionListener listener : listeners) {
            listener.resolved(fragment, outcome, requestId);
        }
    }
}
