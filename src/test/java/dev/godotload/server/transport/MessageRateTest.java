package dev.godotload.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The per-connection token bucket of {@code --max-msgs-per-sec}, on a clock the test moves. */
class MessageRateTest {
    private long now = 1_000_000_000L;
    private final MessageRate rate = new MessageRate(10, () -> now);

    private int passing(int messages) {
        int passed = 0;
        for (int i = 0; i < messages; i++) {
            if (rate.take()) {
                passed++;
            }
        }
        return passed;
    }

    @Test
    void aBurstOfTheRateFromAFullBucketPassesAndNotOneMore() {
        assertThat(passing(10)).isEqualTo(10);
        assertThat(rate.take()).isFalse();
    }

    @Test
    void theBucketRefillsAtTheRateAndHoldsNoMoreThanOneSecondsWorth() {
        passing(10);
        now += 300_000_000L; // 0.3 s: 3 messages
        assertThat(passing(5)).isEqualTo(3);

        now += 60_000_000_000L; // a quiet minute refills one second's worth, not sixty
        assertThat(passing(100)).isEqualTo(10);
    }

    @Test
    void aSteadySenderAtTheRateIsNeverRefused() {
        for (int i = 0; i < 1000; i++) {
            now += 100_000_000L; // 10 a second for 100 s
            assertThat(rate.take()).as("message %d", i).isTrue();
        }
    }

    @Test
    void zeroMeansNoLimit() {
        MessageRate off = new MessageRate(0, () -> now);
        for (int i = 0; i < 100_000; i++) {
            assertThat(off.take()).isTrue();
        }
    }
}
