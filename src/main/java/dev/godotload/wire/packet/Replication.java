package dev.godotload.wire.packet;

import java.util.Arrays;
import java.util.Objects;

/**
 * Godot 4 SPAWN, DESPAWN or SYNC (MultiplayerSpawner / MultiplayerSynchronizer traffic):
 * recognised and kept whole, so a load client can skip it and a relay can pass it on unchanged.
 */
public record Replication(Kind kind, byte[] packet) implements Packet {

    public enum Kind {
        SPAWN(4, 18), DESPAWN(5, 5), SYNC(6, 11), SYNC_DELTA(6, 11);

        final int command;
        final int minLength;

        Kind(int command, int minLength) {
            this.command = command;
            this.minLength = minLength;
        }

        /** The command in the low three bits of byte 0. */
        public int command() {
            return command;
        }

        /** Shortest packet Godot accepts for this kind. */
        public int minLength() {
            return minLength;
        }
    }

    public Replication {
        Objects.requireNonNull(kind, "kind");
        packet = packet.clone();
    }

    /** A copy of the whole packet, byte 0 included. */
    @Override
    public byte[] packet() {
        return packet.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Replication r && kind == r.kind && Arrays.equals(packet, r.packet);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(packet);
    }

    @Override
    public String toString() {
        return "Replication[" + kind + ", " + Bytes.hex(packet) + "]";
    }
}
