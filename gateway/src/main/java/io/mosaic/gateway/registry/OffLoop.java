package io.mosaic.gateway.registry;

import java.util.concurrent.Callable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The registry is JDBC, which blocks: every caller on an event loop (the API, the console) hands
 * its call to Reactor's bounded-elastic workers here, and continues there.
 */
public final class OffLoop {

    private OffLoop() {
    }

    /** {@code work}, run on a bounded-elastic worker when subscribed. */
    public static <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(Schedulers.boundedElastic());
    }
}
