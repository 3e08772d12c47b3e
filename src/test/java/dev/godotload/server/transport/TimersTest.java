package dev.godotload.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Timers#on}: the adapter for the game loop's own scheduler. */
class TimersTest {
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        loop.shutdownNow();
    }

    @Test
    void aTimerRunsOnTheLoopUnlessCancelled() throws Exception {
        Timers timers = Timers.on(loop);
        AtomicInteger cancelledRuns = new AtomicInteger();
        timers.schedule(Duration.ofMillis(50), cancelledRuns::incrementAndGet).cancel();

        CountDownLatch ran = new CountDownLatch(1);
        Thread[] on = new Thread[1];
        timers.schedule(Duration.ofMillis(100), () -> {
            on[0] = Thread.currentThread();
            ran.countDown();
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(cancelledRuns).hasValue(0);
        Thread loopThread = loop.submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
        assertThat(on[0]).isSameAs(loopThread);
    }
}
