package io.mosaic.gateway.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/** The request's MDC where the gateway logs: around a block, and around a Mono's subscription and signals. */
class RequestMdcTest {

    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String TRACEPARENT = "00-" + TRACE + "-00f067aa0ba902b7-01";

    final Scheduler loop = Schedulers.newSingle("loop");

    @AfterEach
    void stop() {
        loop.dispose();
        MDC.clear();
    }

    static String mdc() {
        return MDC.get("requestId") + "/" + MDC.get("traceId");
    }

    @Test
    void aBlockHasTheRequestsIdsAndTheThreadGetsItsOwnBackAfter() {
        MDC.put("requestId", "outer");
        try (RequestMdc ignored = RequestMdc.of("inner", TRACEPARENT)) {
            assertThat(mdc()).isEqualTo("inner/" + TRACE);
            try (RequestMdc nested = RequestMdc.of("nested", null)) {
                assertThat(mdc()).isEqualTo("nested/null");
            }
            assertThat(mdc()).isEqualTo("inner/" + TRACE);
        }
        assertThat(mdc()).isEqualTo("outer/null");
    }

    @Test
    void whatRunsDownstreamOfASignalOnAnotherThreadLogsWithTheIdsTheBreakersTransitionIncluded() {
        CircuitBreaker breaker = CircuitBreaker.of("nav", CircuitBreakerConfig.custom()
                .slidingWindowSize(1).minimumNumberOfCalls(1).build());
        AtomicReference<String> atTransition = new AtomicReference<>();
        breaker.getEventPublisher().onStateTransition(event -> atTransition.set(mdc()));
        // The way the resolver would use it: right after the fetch, before the breaker.
        String atOutcome = Mono.<String>error(new IllegalStateException("answered 500"))
                .delaySubscription(Duration.ofMillis(5), loop)
                .transform(RequestMdc.around("req-1", TRACEPARENT))
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorResume(error -> Mono.fromSupplier(RequestMdcTest::mdc))
                .block(Duration.ofSeconds(5));

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(atTransition.get()).isEqualTo("req-1/" + TRACE);
        assertThat(atOutcome).isEqualTo("req-1/" + TRACE);
        assertThat(Mono.fromSupplier(RequestMdcTest::mdc).subscribeOn(loop).block(Duration.ofSeconds(5)))
                .as("the loop's MDC after the signal").isEqualTo("null/null");
        assertThat(mdc()).as("the subscribing thread's MDC").isEqualTo("null/null");
    }

    @Test
    void whatRunsWhileSubscribingLogsWithTheIdsARefusalByAnOpenBreakerIncluded() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("nav");
        breaker.transitionToForcedOpenState();
        // The way the resolver would use it for refusals: around the whole pipeline.
        String atOutcome = Mono.fromSupplier(() -> "fresh")
                .transformDeferred(CircuitBreakerOperator.of(breaker))
                .onErrorResume(error -> Mono.fromSupplier(RequestMdcTest::mdc))
                .transform(RequestMdc.around("req-2", null))
                .block(Duration.ofSeconds(5));

        assertThat(atOutcome).isEqualTo("req-2/null");
        assertThat(mdc()).isEqualTo("null/null");
    }
}
