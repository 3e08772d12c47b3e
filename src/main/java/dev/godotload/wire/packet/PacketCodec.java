package dev.godotload.wire.packet;

import dev.godotload.wire.GodotVersion;

/**
 * Bytes of one WebSocket message to a {@link Packet} and back, for one {@link GodotVersion}.
 * Decoding throws only {@link dev.godotload.wire.WireFormatException}; encoding refuses what the
 * version cannot carry with {@link dev.godotload.wire.WireEncodingException}.
 */
public interface PacketCodec {

    GodotVersion version();

    /**
     * One received message. For Godot 4 that is a SceneMultiplayer packet, except the very first
     * message from the server, the peer id, which is read with {@link Godot4Packets#decodePeerId}.
     */
    Packet decode(byte[] message);

    byte[] encode(Packet packet);

    static PacketCodec of(GodotVersion version) {
        return version.isGodot3() ? Godot3Packets.INSTANCE : Godot4Packets.of(version);
    }
}
