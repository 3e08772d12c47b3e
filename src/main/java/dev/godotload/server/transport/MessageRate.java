package dev.godotload.server.transport;

import java.util.function.LongSupplier;

/**
 * {@link ConnectionLimits#maxMessagesPerSecond()} for one connection: a token bucket that holds at most
 * that many messages and refills at that rate, full at the start, so a client may send a burst of that
 * many at once and that many a second for ever. Runs on the connection's I/O loop only.
 */
final class MessageRate {
    private final int perSecond;
    private final LongSupplier nanoClock;
    private double tokens;
    private long last;

    /** {@code perSecond} 0: every message passes. */
    MessageRate(int perSecond, LongSupplier nanoClock) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("perSecond must not be negative, was " + perSecond);
        }
        this.perSecond = perSecond;
        this.nanoClock = nanoClock;
        this.tokens = perSecond;
        this.last = perSecond == 0 ? 0 : nanoClock.getAsLong();
    }

    static MessageRate of(int perSecond) {
        return new MessageRate(perSecond, System::nanoTime);
    }

    /** Whether one more message is within the rate; it is counted if so. */
    boolean take() {
        if (perSecond == 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        tokens = Math.min(perSecond, tokens + (now - last) * (perSecond / 1e9));
        last = now;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    int perSecond() {
        return perSecond;
    }
}
