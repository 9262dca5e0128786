package io.mosaic.gateway.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.mosaic.gateway.fetch.FetchFailure;
import io.mosaic.gateway.origin.OriginRefusedException;
import io.mosaic.gateway.request.RequestContext;
import io.mosaic.manifest.BulkheadSettings;
import io.mosaic.manifest.CircuitBreakerSettings;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.publisher.PublisherProbe;

/**
 * The order of a fetch's guards: deadline inside the breaker inside the bulkhead. A fetch past its
 * deadline is the breaker's failure; a fetch the bulkhead refuses is nothing to the breaker; a
 * fetch the breaker refuses gives its bulkhead place back; a retry inside the fetch is still
 * within the one deadline.
 */
class ResilienceTest {

    static final Duration DEADLINE = Duration.ofMillis(50);
    /** Opens at the first failure, so that one recorded failure shows in its state. */
    static final CircuitBreakerSettings TOUCHY = new CircuitBreakerSettings(50, 2, 1, Duration.ofMinutes(1), 1, false);

    final Resilience resilience = new Resilience();
    final CircuitBreaker breaker = resilience.breaker("nav", TOUCHY);
    final Bulkhead bulkhead = resilience.bulkhead("nav", new BulkheadSettings(1));
    final RequestContext context = new RequestContext("/admin", null, Map.of(), "r-1", null, null);

    <T> Mono<T> guarded(Mono<T> fetch) {
        return resilience.guard(fetch, DEADLINE, breaker, bulkhead, context);
    }

    @Test
    void aFetchPastItsDeadlineIsTheBreakersFailureAndGivesItsBulkheadPlaceBack() {
        StepVerifier.create(guarded(Mono.never())).expectError(TimeoutException.class).verify(Duration.ofSeconds(5));

        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }

    @Test
    void aFetchTheBulkheadRefusesNeverReachesTheBreakerNorTheOrigin() {
        Disposable inFlight = guarded(Mono.never()).timeout(Duration.ofMinutes(1)).subscribe();
        try {
            PublisherProbe<String> origin = PublisherProbe.of(Mono.just("<p>nav</p>"));
            StepVerifier.create(guarded(origin.mono())).expectError(BulkheadFullException.class).verify(Duration.ofSeconds(5));

            origin.assertWasNotSubscribed();
            assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
            assertThat(breaker.getMetrics().getNumberOfNotPermittedCalls()).isZero();
            assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        } finally {
            inFlight.dispose();
        }
    }

    @Test
    void anOpenBreakerRefusesWithoutCallingTheOriginAndFreesItsBulkheadPlace() {
        breaker.transitionToOpenState();
        PublisherProbe<String> origin = PublisherProbe.of(Mono.just("<p>nav</p>"));

        StepVerifier.create(guarded(origin.mono())).expectError(CallNotPermittedException.class).verify(Duration.ofSeconds(5));

        origin.assertWasNotSubscribed();
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }

    @Test
    void aRetryInsideTheFetchIsBoundByTheOneDeadline() {
        // Each try within the deadline, both together past it (the fetcher's retry on a closed keep-alive connection).
        Duration aTry = DEADLINE.multipliedBy(7).dividedBy(10);
        AtomicInteger tries = new AtomicInteger();
        Mono<String> closedThenAnswered = Mono.defer(() -> tries.incrementAndGet() == 1
                ? Mono.delay(aTry).then(Mono.<String>error(new IllegalStateException("closed before answering")))
                : Mono.just("<p>nav</p>").delayElement(aTry));

        StepVerifier.create(guarded(closedThenAnswered.retry(1))).expectError(TimeoutException.class).verify(Duration.ofSeconds(5));

        assertThat(tries).hasValue(2);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void aGoodAnswerIsTheBreakersSuccess() {
        StepVerifier.create(guarded(Mono.just("<p>nav</p>"))).expectNext("<p>nav</p>").verifyComplete();

        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(1);
        assertThat(bulkhead.getMetrics().getAvailableConcurrentCalls()).isEqualTo(1);
    }

    @Test
    void clientErrorsAndRefusedOriginsCountForNothingUnlessTheFragmentSaysClientErrorsCount() {
        Mono<String> notFound = Mono.error(new FetchFailure(FetchFailure.Kind.CLIENT_ERROR, "answered 404", 404, null, null));
        Mono<String> refused = Mono.error(new OriginRefusedException("origin.example resolves to 127.0.0.1, a loopback address"));
        StepVerifier.create(guarded(notFound)).expectError(FetchFailure.class).verify(Duration.ofSeconds(5));
        StepVerifier.create(guarded(refused)).expectError(OriginRefusedException.class).verify(Duration.ofSeconds(5));
        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

        CircuitBreaker counting = resilience.breaker("billing", new CircuitBreakerSettings(50, 2, 1, Duration.ofMinutes(1), 1, true));
        StepVerifier.create(resilience.guard(notFound, DEADLINE, counting, bulkhead, context))
                .expectError(FetchFailure.class).verify(Duration.ofSeconds(5));
        assertThat(counting.getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }
}
