package io.mosaic.gateway.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/** Requests for the same variant share one fetch, which only the last of them to leave cancels, and take its answer when it fits. */
class InFlightTest {

    final InFlight<String> inFlight = new InFlight<>();
    final AtomicInteger started = new AtomicInteger();
    final AtomicBoolean cancelled = new AtomicBoolean();

    Mono<String> slowFetch() {
        return Mono.defer(() -> {
            started.incrementAndGet();
            return Mono.delay(Duration.ofMillis(300)).map(tick -> "answer " + started.get()).doOnCancel(() -> cancelled.set(true));
        });
    }

    @Test
    void requestsThatComeWhileAFetchRunsShareIt() {
        Mono<String> first = inFlight.join("nav", this::slowFetch);
        Mono<String> second = inFlight.join("nav", this::slowFetch);
        Mono<String> other = inFlight.join("footer", this::slowFetch);
        var answers = Mono.zip(first, second, other).block(Duration.ofSeconds(5));
        assertThat(answers.getT2()).isEqualTo(answers.getT1());
        assertThat(started.get()).as("one fetch for nav, one for footer").isEqualTo(2);
        assertThat(inFlight.size()).isZero();

        assertThat(inFlight.join("nav", this::slowFetch).block(Duration.ofSeconds(5))).isEqualTo("answer 3");
        assertThat(started.get()).as("a request after the fetch ended starts its own").isEqualTo(3);
    }

    @Test
    void aWaiterTakesTheSharedAnswerOnlyWhenItFitsAndOtherwiseFetchesItsOwn() {
        Mono<String> starter = inFlight.join("nav", this::slowFetch, answer -> false, () -> Mono.just("never asked"));
        Mono<String> fitting = inFlight.join("nav", this::slowFetch, answer -> true, () -> Mono.just("own"));
        Mono<String> unfitting = inFlight.join("nav", this::slowFetch, answer -> false, () -> Mono.just("own"));
        var answers = Mono.zip(starter, fitting, unfitting).block(Duration.ofSeconds(5));
        assertThat(answers.getT1()).as("the request that started the fetch is not judged").isEqualTo("answer 1");
        assertThat(answers.getT2()).isEqualTo("answer 1");
        assertThat(answers.getT3()).isEqualTo("own");
        assertThat(started.get()).isEqualTo(1);
    }

    @Test
    void oneRequestGoingAwayDoesNotCancelTheFetchTheOthersWaitFor() {
        Disposable leaving = inFlight.join("nav", this::slowFetch).subscribe();
        Mono<String> staying = inFlight.join("nav", this::slowFetch);
        String answer = staying.doOnSubscribe(subscription -> leaving.dispose()).block(Duration.ofSeconds(5));
        assertThat(answer).isEqualTo("answer 1");
        assertThat(cancelled).isFalse();
        assertThat(started.get()).isEqualTo(1);
    }

    @Test
    void theLastRequestGoingAwayCancelsTheFetch() throws Exception {
        Disposable one = inFlight.join("nav", this::slowFetch).subscribe();
        Disposable two = inFlight.join("nav", this::slowFetch).subscribe();
        one.dispose();
        assertThat(cancelled).isFalse();
        two.dispose();
        assertThat(cancelled).isTrue();
        assertThat(inFlight.size()).isZero();
        assertThat(inFlight.join("nav", this::slowFetch).block(Duration.ofSeconds(5))).isEqualTo("answer 2");
    }
}
