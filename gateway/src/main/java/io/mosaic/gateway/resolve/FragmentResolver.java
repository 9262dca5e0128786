package io.mosaic.gateway.resolve;

import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.mosaic.gateway.fetch.CachingHeaders;
import io.mosaic.gateway.cache.FragmentCache;
import io.mosaic.gateway.cache.InFlight;
import io.mosaic.gateway.cache.Reuse;
import io.mosaic.gateway.fetch.SentHeaders;
import io.mosaic.gateway.cache.Sharing;
import io.mosaic.gateway.cache.Stored;
import io.mosaic.gateway.fetch.FetchFailure;
import io.mosaic.gateway.fetch.FetchedBody;
import io.mosaic.gateway.fetch.FragmentFetcher;
import io.mosaic.gateway.fetch.FragmentOutcome;
import io.mosaic.gateway.fetch.FragmentQuery;
import io.mosaic.gateway.request.RequestContext;
import io.mosaic.gateway.html.FragmentParser;
import io.mosaic.gateway.html.ParsedFragment;
import io.mosaic.gateway.observe.Observations;
import io.mosaic.gateway.plan.FragmentPlan;
import io.mosaic.gateway.request.RequestMdc;
import io.mosaic.manifest.FragmentDefinition;
import java.net.URI;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Resolves one fragment for one page request into exactly one {@link FragmentOutcome}, as a
 * pipeline: a stored answer HTTP's rules allow (fresh; or stale while a background fetch
 * revalidates it) → otherwise a fetch under the deadline, joined with any fetch of the same
 * variant for the same user under way ({@link Sharing}), through the breaker and bulkhead,
 * conditional when the stored answer has validators → parse (or reuse the parse of identical
 * bytes, or of the stored answer on a 304) → store by the answer's rules; on any failure: the
 * stored answer while {@code stale-if-error} (or the manifest's {@code staleFor}) allows → the
 * manifest's fallback → an empty, marked box.
 * Never errors: the page always gets an outcome.
 */
public final class FragmentResolver {

    private static final Logger log = LoggerFactory.getLogger(FragmentResolver.class);

    /**
     * Good content from one fetch, shared by the requests that joined it and that it serves too:
     * {@code sentBy} is what the fetch sent, {@code reuse} what the answer said of its reuse.
     */
    private record Answer(ParsedFragment content, Duration latency, FragmentOutcome.CacheUse use, SentHeaders sentBy,
                          Reuse reuse) {
    }

    private final FragmentFetcher fetcher;
    private final FragmentParser parser;
    private final ParsedFragments parsed;
    private final FragmentCache cache;
    private final InFlight<Answer> inFlight = new InFlight<>();
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final RefusalLog refusals = new RefusalLog(log::info, java.util.concurrent.TimeUnit.SECONDS.toNanos(10), System::nanoTime);
    /** A name re-pointed at the gateway's own network is worth a warning, still not one per page. */
    private final RefusalLog policyRefusals = new RefusalLog(log::warn, java.util.concurrent.TimeUnit.SECONDS.toNanos(10), System::nanoTime);
    /** A background revalidation that failed: the page got its stale answer; one line per fragment every 10 s. */
    private final RefusalLog revalidations = new RefusalLog(log::warn, java.util.concurrent.TimeUnit.SECONDS.toNanos(10), System::nanoTime);
    private final Map<String, Timer> latencies = new ConcurrentHashMap<>();
    private final Map<String, io.micrometer.core.instrument.DistributionSummary> sizes = new ConcurrentHashMap<>();

    private final Observations observations;

    public FragmentResolver(FragmentFetcher fetcher, FragmentParser parser, FragmentCache cache, MeterRegistry meters,
                            Observations observations) {
        this.observations = observations;
        this.fetcher = fetcher;
        this.parser = parser;
        this.parsed = new ParsedFragments(parser, 16L * 1024 * 1024);
        this.cache = cache;
        this.meters = meters;
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
                        error -> revalidations.refused(fragment.name(),
                                "revalidating in the background failed: " + FetchFailure.of(error, definition.timeout()), "stale"));
                outcome = Mono.just(new FragmentOutcome.Fresh(fragment.name(), content(fragment, stored), Duration.ZERO,
                        FragmentOutcome.CacheUse.STALE));
            } else {
                outcome = fetch(fragment, uri, url, sent, stored, context, primary)
                        .<FragmentOutcome>map(answer -> new FragmentOutcome.Fresh(fragment.name(), answer.content(),
                                answer.latency(), answer.use()))
                        .onErrorResume(error -> Mono.just(instead(fragment, url, sent,
                                FetchFailure.of(error, definition.timeout()), primary)));
            }
            // The request's id (and trace id) in the MDC of the lines logged about the outcome.
            return outcome.transform(RequestMdc.around(context.requestId(), context.headers().get("traceparent")))
                    .doOnNext(result -> record(fragment, result, context.requestId()));
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
        return fetcher.fetch(fragment.definition(), uri, sent, stored == null ? null : stored.headers(), context, primary)
                // The breaker logs its transitions as it records this fetch: with the (first) requester's id.
                .transform(RequestMdc.around(context.requestId(), context.headers().get("traceparent")))
                .transformDeferred(CircuitBreakerOperator.of(fragment.breaker()))
                .transformDeferred(BulkheadOperator.of(fragment.bulkhead()))
                .map(body -> accept(fragment, url, sent, stored, body));
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
        observations.version(fragment.name(), body.version());
        sizes.computeIfAbsent(fragment.name(), name -> io.micrometer.core.instrument.DistributionSummary
                .builder("mosaic.fragment.bytes").description("Size of fragments' fresh answers").baseUnit("bytes")
                .tag("fragment", name).register(meters)).record(body.bytes().length);
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

    private static boolean takenOff(FragmentPlan fragment) {
        return fragment.breaker().getState() == io.github.resilience4j.circuitbreaker.CircuitBreaker.State.FORCED_OPEN;
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

    private void record(FragmentPlan fragment, FragmentOutcome outcome, String requestId) {
        observations.record(outcome);
        if (outcome.cache() != null) {
            counters.computeIfAbsent(fragment.name() + "\u0000cache\u0000" + outcome.cache(),
                    key -> Counter.builder("mosaic.fragment.cache")
                            .description("Fragment resolutions by where good content came from: hit (stored, fresh), "
                                    + "miss (fetched), revalidated (stored, confirmed by a 304), stale (stored, past freshness)")
                            .tag("fragment", fragment.name()).tag("result", outcome.cache())
                            .register(meters)).increment();
        }
        FetchFailure failure = outcome.failure();
        String reason = failure == null ? "none" : failure.kind().label();
        counters.computeIfAbsent(fragment.name() + '\u0000' + outcome.state() + '\u0000' + reason,
                key -> Counter.builder("mosaic.fragment.outcomes")
                        .description("Fragment resolutions by outcome (ok, stale, fallback, error) and failure reason")
                        .tag("fragment", fragment.name()).tag("outcome", outcome.state()).tag("reason", reason)
                        .register(meters)).increment();
        if (outcome instanceof FragmentOutcome.Fresh fresh) {
            if (!fresh.fetched()) {
                return; // the origin was not asked: no latency to tell
            }
            latencies.computeIfAbsent(fragment.name(), name -> Timer.builder("mosaic.fragment.latency")
                    .description("Time to fetch a fragment's whole answer from its origin")
                    .tag("fragment", name)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(java.time.Duration.ofMillis(1))
                    .maximumExpectedValue(java.time.Duration.ofSeconds(60))
                    .register(meters)).record(fresh.latency());
            return;
        }
        if (failure.originCalled()) {
            // The page request's id in the line, and in the MDC (set around the outcome, see resolve)
            // for a JSON log format to carry it as a field.
            log.warn("fragment {} ({}): {}; serving {} [request {}]", fragment.name(), fragment.definition().url(), failure,
                    outcome.state(), requestId);
        } else if (failure.kind() == FetchFailure.Kind.ORIGIN_REFUSED) {
            // Its reason (host, address, class) is what the operator needs; a breaker's label says it all.
            policyRefusals.refused(fragment.name(), failure.toString(), outcome.state());
        } else {
            refusals.refused(fragment.name(), failure.kind().label(), outcome.state());
        }
    }
}
