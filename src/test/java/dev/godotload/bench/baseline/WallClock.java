package dev.godotload.bench.baseline;

import java.time.Instant;

/**
 * Wall-clock microseconds, as our chat line's {@code sent_usec} carries them. Anchored to the wall
 * clock once and advanced by {@link System#nanoTime()}: every copy is sent and timed in the same
 * JVM, so this costs no allocation per reading and an NTP step mid-run cannot bend a latency.
 */
final class WallClock {
    private static final long ANCHOR_NANOS = System.nanoTime();
    private static final long ANCHOR_MICROS;

    static {
        Instant now = Instant.now();
        ANCHOR_MICROS = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private WallClock() {
    }

    static long micros() {
        return ANCHOR_MICROS + (System.nanoTime() - ANCHOR_NANOS) / 1_000;
    }
}
