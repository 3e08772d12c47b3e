package dev.godotload.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The bridge protocol between {@link EngineBridge} and a Godot server's {@code BridgePeer}
 * ({@code godot/server-godot4/bridge_peer.gd}): one binary WebSocket message each,
 * {@code u8 kind | i32 peer (LE) | payload}.
 */
final class BridgeMessage {
    /** bridge → engine: a client got id {@code peer}. */
    static final int PEER_CONNECTED = 1;
    /** bridge → engine: client {@code peer} left. */
    static final int PEER_DISCONNECTED = 2;
    /** both ways: a SceneMultiplayer packet from client {@code peer}, or to target {@code peer} (0 all, -n all but n). */
    static final int PACKET = 3;
    /** engine → bridge: close client {@code peer}. */
    static final int DISCONNECT = 4;
    /** engine → bridge: the server is set up; the payload describes it (UTF-8). */
    static final int READY = 5;
    static final int HEADER_BYTES = 5;

    private BridgeMessage() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, int kind, int peer, byte[] payload) {
        ByteBuf b = alloc.buffer(HEADER_BYTES + payload.length);
        b.writeByte(kind).writeIntLE(peer).writeBytes(payload);
        return b;
    }
}
