package dev.godotload.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.godotload.testing.Await;

/** The game loop's lateness, as Main/Stats reports it in loop_lag_msec. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class LoopLagTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final long STALL_MILLIS = 400;

    private WebSocketTransport transport;

    @BeforeEach
    void start() {
        transport = WebSocketTransport.start(TransportOptions.defaults().withPort(0), new RecordingListener());
    }

    @AfterEach
    void stop() {
        transport.close();
    }

    @Test
    void aStalledGameLoopShowsAsLagForAboutASecondThenIsForgotten() throws Exception {
        Thread.sleep(3 * LoopLag.PERIOD_MILLIS);
        assertThat(transport.stats().loopLagMicros()).as("an idle loop is on time (a busy 2-core machine allowed)")
                .isLessThan(STALL_MILLIS / 2 * 1000);

        // a handler that takes 400 ms, as a slow node or a long GC pause would
        transport.gameLoop().submit(() -> sleep(STALL_MILLIS)).get(5, TimeUnit.SECONDS);

        Await.until("the stall shows", () -> transport.stats().loopLagMicros() >= (STALL_MILLIS - 60) * 1000, WAIT);
        assertThat(transport.stats().loopLagMicros()).isLessThanOrEqualTo((STALL_MILLIS + 200) * 1000);
        Await.until("the stall is forgotten after a second", () -> transport.stats().loopLagMicros() < STALL_MILLIS / 2 * 1000,
                WAIT);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
