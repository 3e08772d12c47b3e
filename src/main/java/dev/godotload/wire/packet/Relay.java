package dev.godotload.wire.packet;

import java.util.Objects;

/**
 * Godot 4 SYS RELAY ({@code 07 03 peer inner}): from a client, {@code peer} is the destination
 * (0 = everyone, negative = everyone but -peer); from the server, it is the original sender.
 */
public record Relay(int peer, Packet inner) implements Packet {
    public Relay {
        Objects.requireNonNull(inner, "inner");
    }
}
