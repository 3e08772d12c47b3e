package dev.godotload.gatling;

/**
 * The microsecond clock every virtual user of a run shares: {@code sent_usec} in a message is read
 * from it, and a receiver in the same JVM measures fan-out latency against it. Wall-clock anchored
 * once, then monotonic, so it never steps backwards mid-run.
 */
public final class GodotClock {
    private static final long ANCHOR_MICROS = System.currentTimeMillis() * 1000;
    private static final long ANCHOR_NANOS = System.nanoTime();

    private GodotClock() {
    }

    public static long nowMicros() {
        return ANCHOR_MICROS + (System.nanoTime() - ANCHOR_NANOS) / 1000;
    }
}
