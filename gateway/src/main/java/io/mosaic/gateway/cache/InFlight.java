package io.mosaic.gateway.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Request coalescing, like nginx's {@code proxy_cache_lock} and Varnish's waiting list: page
 * requests that need the same variant while a fetch of it is under way wait for that fetch
 * instead of making their own. The fetch is cancelled only when every request waiting for it has
 * gone away (browsers that hung up), so a hanging origin does not keep a connection and a bulkhead
 * place for nobody. Whether a joined fetch's answer is also the answer for the request that joined
 * it is the caller's to judge ({@link #join(String, Supplier, Predicate, Supplier)}; see {@link Sharing}).
 */
public final class InFlight<T> {

    private final Map<String, Flight> running = new ConcurrentHashMap<>();

    /**
     * The running fetch of {@code key}, or {@code fetch} started now and shared with whoever asks
     * until it ends. A fetch started here runs in the Reactor context of the request that started it.
     */
    public Mono<T> join(String key, Supplier<Mono<T>> fetch) {
        return join(key, fetch, value -> true, Mono::empty);
    }

    /**
     * Like {@link #join(String, Supplier)}, but a request that joined a fetch another request
     * started takes its value only when {@code fits} accepts it, and {@code otherwise} (its own
     * fetch) when not. The request that started the fetch always takes its value: it is its answer.
     */
    public Mono<T> join(String key, Supplier<Mono<T>> fetch, Predicate<? super T> fits, Supplier<Mono<T>> otherwise) {
        return Mono.deferContextual(context -> {
            while (true) {
                Flight mine = new Flight(key);
                Flight flight = running.putIfAbsent(key, mine);
                if (flight == null) {
                    mine.waiters = 1;
                    Mono<T> result = mine.result();
                    mine.start(fetch.get().contextWrite(context));
                    return result;
                }
                if (flight.join()) {
                    return flight.result().flatMap(value -> fits.test(value) ? Mono.just(value) : otherwise.get());
                }
                // It was being cancelled as this request came: start another.
                running.remove(key, flight);
            }
        });
    }

    /** How many fetches are under way now. */
    public int size() {
        return running.size();
    }

    /** One fetch and the requests waiting for it. */
    private final class Flight {
        private final String key;
        private final Sinks.One<T> sink = Sinks.one();
        private int waiters;
        private boolean over;
        private Disposable fetch;

        Flight(String key) {
            this.key = key;
        }

        synchronized boolean join() {
            if (over) {
                return false;
            }
            waiters++;
            return true;
        }

        Mono<T> result() {
            return sink.asMono().doOnCancel(this::leave);
        }

        void start(Mono<T> source) {
            Disposable subscription = source.subscribe(
                    value -> end(() -> sink.tryEmitValue(value)),
                    error -> end(() -> sink.tryEmitError(error)),
                    () -> end(sink::tryEmitEmpty));
            synchronized (this) {
                fetch = subscription;
            }
        }

        /** Removed before the result is emitted: whoever comes after finds the stored answer instead. */
        private void end(Runnable emit) {
            synchronized (this) {
                over = true;
            }
            running.remove(key, this);
            emit.run();
        }

        /** A waiting request went away; the last one cancels the fetch. */
        private void leave() {
            Disposable cancel;
            synchronized (this) {
                if (over || --waiters > 0) {
                    return;
                }
                over = true;
                cancel = fetch;
            }
            running.remove(key, this);
            if (cancel != null) {
                cancel.dispose();
            }
        }
    }
}
