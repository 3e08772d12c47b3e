package dev.godotload.wire.packet;

/** Another peer joined (Godot 4 SYS ADD_PEER {@code 07 01}; Godot 3 SYS_ADD). */
public record AddPeer(int id) implements Packet {
}
