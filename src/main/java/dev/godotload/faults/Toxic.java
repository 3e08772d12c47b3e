package dev.godotload.faults;

import java.time.Duration;
import java.util.Objects;

/**
 * One bad-network behaviour of the fault proxy, as Toxiproxy names them. Each record is checked
 * when it is made, so a proxy never runs a toxic that cannot act; {@link #spec()} writes it back as
 * {@code -Dgodot.faults} reads it.
 */
public sealed interface Toxic {

    Direction direction();

    /** The toxic as a spec writes it, e.g. {@code down.latency:80ms:20ms}. */
    String spec();

    /** Each chunk waits {@code delay} ± {@code jitter} (uniform), and never overtakes the chunk before it. */
    record Latency(Direction direction, Duration delay, Duration jitter) implements Toxic {
        public Latency {
            Objects.requireNonNull(direction, "direction");
            requireBetween(delay, Duration.ZERO, Duration.ofMinutes(1), "delay");
            requireBetween(jitter, Duration.ZERO, delay, "jitter");
        }

        @Override
        public String spec() {
            return direction.prefix() + "latency:" + show(delay) + (jitter.isZero() ? "" : ":" + show(jitter));
        }
    }

    /** At most {@code bitsPerSecond} bits a second (so {@code 256kbps} is 32,000 bytes a second). */
    record Bandwidth(Direction direction, long bitsPerSecond) implements Toxic {
        public Bandwidth {
            Objects.requireNonNull(direction, "direction");
            if (bitsPerSecond < 8 || bitsPerSecond > 100_000_000_000L) {
                throw new IllegalArgumentException("expected a rate from 8bps to 100gbps");
            }
        }

        public double bytesPerSecond() {
            return bitsPerSecond / 8.0;
        }

        @Override
        public String spec() {
            long b = bitsPerSecond;
            String rate = b % 1_000_000 == 0 ? b / 1_000_000 + "mbps" : b % 1000 == 0 ? b / 1000 + "kbps" : b + "bps";
            return direction.prefix() + "bandwidth:" + rate;
        }
    }

    /**
     * Data leaves in segments of {@code averageSize} ± {@code sizeVariation} bytes (uniform), each
     * written on its own, {@code delay} apart: the small TCP segments of a poor mobile link.
     */
    record Slicer(Direction direction, int averageSize, int sizeVariation, Duration delay) implements Toxic {
        public Slicer {
            Objects.requireNonNull(direction, "direction");
            if (averageSize < 1 || averageSize > 1 << 20) {
                throw new IllegalArgumentException("expected an average size from 1b to 1mb");
            }
            if (sizeVariation < 0 || sizeVariation >= averageSize) {
                throw new IllegalArgumentException("expected a variation smaller than the average size");
            }
            requireBetween(delay, Duration.ZERO, Duration.ofSeconds(10), "delay");
        }

        @Override
        public String spec() {
            return direction.prefix() + "slicer:" + averageSize + "b:" + sizeVariation + "b:" + show(delay);
        }
    }

    /**
     * {@code after} the connection opened, the socket on the receiving side of this direction is
     * reset (TCP RST): down resets the user's socket, up the server's; both, both.
     */
    record ResetPeer(Direction direction, Duration after) implements Toxic {
        public ResetPeer {
            Objects.requireNonNull(direction, "direction");
            requireBetween(after, Duration.ZERO, Duration.ofDays(1), "time");
        }

        @Override
        public String spec() {
            return direction.prefix() + "reset_peer:" + show(after);
        }
    }

    /**
     * A black hole: nothing passes this way, not even a close; {@code after} the connection opened
     * it is closed. {@link Duration#ZERO} holds it open until the proxy stops.
     */
    record Timeout(Direction direction, Duration after) implements Toxic {
        public Timeout {
            Objects.requireNonNull(direction, "direction");
            requireBetween(after, Duration.ZERO, Duration.ofDays(1), "time");
        }

        @Override
        public String spec() {
            return direction.prefix() + "timeout:" + show(after);
        }
    }

    /** The first {@code bytes} bytes pass this way, then the connection is closed. */
    record LimitData(Direction direction, long bytes) implements Toxic {
        public LimitData {
            Objects.requireNonNull(direction, "direction");
            if (bytes < 0 || bytes > 1L << 40) {
                throw new IllegalArgumentException("expected a size from 0b to 1024gb");
            }
        }

        @Override
        public String spec() {
            return direction.prefix() + "limit_data:" + bytes + "b";
        }
    }

    private static void requireBetween(Duration d, Duration min, Duration max, String what) {
        Objects.requireNonNull(d, what);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException("expected a " + what + " from " + show(min) + " to " + show(max));
        }
    }

    private static String show(Duration d) {
        long ms = d.toMillis();
        if (ms == 0 || ms % 1000 != 0) {
            return ms + "ms";
        }
        return ms % 3_600_000 == 0 ? ms / 3_600_000 + "h" : ms % 60_000 == 0 ? ms / 60_000 + "m" : ms / 1000 + "s";
    }
}
