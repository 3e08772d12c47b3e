package dev.godotload.wire.packet;

/**
 * One Godot high-level multiplayer message, as a value. Godot 4 packets are SceneMultiplayer's
 * commands; Godot 3 messages are a {@link Routed} peer header around a MultiplayerAPI packet or
 * a peer announcement. {@link PacketCodec#of} picks the codec for a {@link dev.godotload.wire.GodotVersion}.
 */
public sealed interface Packet
        permits PeerId, AddPeer, DelPeer, Relay, Auth, Rpc, RemoteCall, RemoteSet, SimplifyPath, ConfirmPath, Raw,
        Replication, Routed {
}
