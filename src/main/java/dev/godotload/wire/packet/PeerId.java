package dev.godotload.wire.packet;

/**
 * The id the server gives a new peer: Godot 4's first message (4 bytes), Godot 3's SYS_ID.
 * Godot ids are 2 … 2^31-1; the server is always 1.
 */
public record PeerId(int id) implements Packet {
}
