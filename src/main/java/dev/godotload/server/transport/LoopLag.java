package dev.godotload.server.transport;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoop;

/**
 * How late the game loop runs: a probe asks to run every {@value #PERIOD_MILLIS} ms and notes how
 * long after that it actually ran. Every event of every peer waits in the same queue, so a probe
 * that runs late means packets waited as long; that is what a load test sees as latency while the
 * server's CPU may still look idle. Reported as the worst lateness of the last second, so a stall
 * between two readings of the stats is not missed.
 */
final class LoopLag {
    static final long PERIOD_MILLIS = 50;
    /** Probes in one second. */
    private static final int WINDOW = (int) (1000 / PERIOD_MILLIS);

    private final EventLoop loop;
    /** Written by the game loop only. */
    private final long[] lateNanos = new long[WINDOW];
    private int next;
    private volatile long worstNanos;

    private LoopLag(EventLoop loop) {
        this.loop = loop;
    }

    /** Starts probing {@code loop}; the probe ends when the loop shuts down. */
    static LoopLag start(EventLoop loop) {
        LoopLag lag = new LoopLag(loop);
        lag.schedule();
        return lag;
    }

    private void schedule() {
        long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MILLIS);
        try {
            loop.schedule(() -> probe(due), PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // nothing left to measure
        }
    }

    private void probe(long dueNanos) {
        lateNanos[next] = Math.max(0, System.nanoTime() - dueNanos);
        next = (next + 1) % WINDOW;
        long worst = 0;
        for (long l : lateNanos) {
            worst = Math.max(worst, l);
        }
        worstNanos = worst;
        schedule();
    }

    /** The worst lateness of the last second's probes, in microseconds. */
    long worstMicros() {
        return TimeUnit.NANOSECONDS.toMicros(worstNanos);
    }
}
