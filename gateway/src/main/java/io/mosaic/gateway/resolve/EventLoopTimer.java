package io.mosaic.gateway.resolve;

import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A Reactor scheduler for fetch deadlines that arms the timer on the Netty event loop serving
 * the page request. Reactor's default (the parallel scheduler) would wake another thread for
 * every fragment of every page just to cancel the timer again; the event loop's own timer queue
 * costs no wake-up at all.
 */
final class EventLoopTimer implements Scheduler {

    private static final Scheduler FALLBACK = Schedulers.parallel();

    private final ScheduledExecutorService loop;

    private EventLoopTimer(ScheduledExecutorService loop) {
        this.loop = loop;
    }

    /** Timers on {@code loop}, or on Reactor's parallel scheduler when there is no loop. */
    static Scheduler on(ScheduledExecutorService loop) {
        return loop == null ? FALLBACK : new EventLoopTimer(loop);
    }

    @Override
    public Disposable schedule(Runnable task) {
        return cancelling(loop.submit(task));
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        return cancelling(loop.schedule(task, delay, unit));
    }

    @Override
    public Worker createWorker() {
        return FALLBACK.createWorker();
    }

    private static Disposable cancelling(Future<?> future) {
        return new Disposable() {
            @Override
            public void dispose() {
                future.cancel(false);
            }

            @Override
            public boolean isDisposed() {
                return future.isDone();
            }
        };
    }
}
