package dev.godotload.wire.packet;

import java.util.List;

/**
 * SYNC: the sync properties of the synchronizers the sender has authority over, sent unreliably.
 * {@code time} is the sender's 16-bit sequence for this receiver (one more each network frame that
 * has something to send; wraps); a receiver drops a state older than the last one it applied.
 */
public record Sync(int time, List<SyncState> states) implements Replication {
    public Sync {
        if (time < 0 || time > 0xFFFF) {
            throw new IllegalArgumentException("sync time " + time + " does not fit 16 bits");
        }
        states = List.copyOf(states);
    }
}
