package dev.godotload.server.transport;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One-shot timers that fire on the game loop, so a timer task may touch server state without locks.
 * Tests pass a fake that fires when told.
 */
public interface Timers {

    /** Runs {@code task} once, on the game loop, after {@code delay}; the handle cancels it. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that has not run yet can be cancelled; cancelling later is harmless. */
    interface Cancellable {
        void cancel();
    }

    /** Timers on {@code loop}, which must be the executor the game loop runs on (e.g. its Netty event loop). */
    static Timers on(ScheduledExecutorService loop) {
        return (delay, task) -> {
            ScheduledFuture<?> f = loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        };
    }
}
