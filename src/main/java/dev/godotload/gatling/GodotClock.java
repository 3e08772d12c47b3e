package dev.godotload.gatling;

import java.time.Clock;
import java.time.Instant;

/**
 * The clock behind {@code sent_usec}: the operating system's wall clock, in microseconds. A copy
 * is timed by its receiver against the sender's reading, and the two may live in different
 * injector JVMs; every JVM on one machine reads the same clock, so they agree to the microsecond.
 * Across machines the error is how far their clocks are apart (NTP on a LAN keeps that to about a
 * millisecond). A step of the wall clock mid-run (a manual set, a leap second) shows up as latency;
 * a slewing NTP does not.
 */
public final class GodotClock {
    private static final Clock WALL = Clock.systemUTC();

    private GodotClock() {
    }

    public static long nowMicros() {
        Instant now = WALL.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
