package dev.godotload.wire.packet;

/** A peer left (Godot 4 SYS DEL_PEER {@code 07 02}; Godot 3 SYS_DEL). */
public record DelPeer(int id) implements Packet {
}
