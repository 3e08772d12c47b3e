package dev.godotload.wire.packet;

import java.util.Objects;

/**
 * A Godot 3 message: the 9-byte peer header ({@code from}, {@code to}) around either a
 * MultiplayerAPI packet (type SYS_NONE) or a peer announcement ({@link PeerId} = SYS_ID,
 * {@link AddPeer} = SYS_ADD, {@link DelPeer} = SYS_DEL). {@code to}: 1 the server, 0 everyone,
 * N one peer, -N everyone but N.
 */
public record Routed(int from, int to, Packet packet) implements Packet {
    public Routed {
        Objects.requireNonNull(packet, "packet");
        if (packet instanceof Routed) {
            throw new IllegalArgumentException("a Godot 3 message has one peer header");
        }
    }
}
