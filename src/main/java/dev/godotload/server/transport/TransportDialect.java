package dev.godotload.server.transport;

import dev.godotload.wire.GodotVersion;

/**
 * Where a Godot 3 server's WebSocket transport ({@code WSLServer} + {@code WebSocketMultiplayerPeer},
 * measured on 3.2.3, godot3.md §2) differs on the wire from Godot 4's {@code WebSocketMultiplayerPeer}.
 * Everything else is the same in both: the upgrade checks and the 101 response, one binary frame per
 * packet, pong for ping, no pings of their own, 1009 for an oversized message. The handshake
 * timeout, the other difference, is a plain number in {@link TransportOptions}.
 */
public enum TransportDialect {
    /** Godot 4.0 to 4.6: the 4-byte peer id first. */
    GODOT_4,
    /** Godot 3.x: the peer id is the multiplayer layer's SYS_ID; refusals get no HTTP reply. */
    GODOT_3;

    /** The dialect of the transport under a multiplayer layer that speaks {@code version}. */
    public static TransportDialect of(GodotVersion version) {
        return version.isGodot3() ? GODOT_3 : GODOT_4;
    }

    /**
     * Godot 4 writes the new peer's id as a 4-byte message before its multiplayer layer hears of it
     * ({@code put_packet(id)}, then {@code peer_connected}). Godot 3 has no such message: its
     * multiplayer layer sends SYS_ID in the 9-byte peer header ({@code _send_add}).
     */
    boolean writesPeerIdFirst() {
        return this == GODOT_4;
    }

    /**
     * Whether a refused upgrade gets an HTTP answer. Godot 3.2.3 drops the pending peer whatever the
     * reason ({@code WSLServer::poll}: {@code do_handshake} fails, the peer leaves {@code _pending}),
     * so TCP closes with no reply; measured for a sub-protocol mismatch (godot3.md §2.1). The Godot 4
     * transport answers 400 with the reason instead, so that a human with curl learns why.
     */
    boolean answersRefusals() {
        return this == GODOT_4;
    }

    /**
     * Whether a client's close frame is answered with its own payload, code and reason: wslay echoes
     * it (captured on 3.2.3: {@code 03e8 "bye\0"} comes back as sent). The Godot 4 transport answers
     * with the code alone, as it always has.
     */
    boolean echoesCloseReason() {
        return this == GODOT_3;
    }

    /**
     * The largest message that does not fail the connection with 1009, for a transport that delivers
     * messages of at most {@code maxMessageBytes}. Godot 4 hands {@code inbound_buffer_size} to wslay
     * as its limit, so the two are equal. Godot 3 gives wslay 2^16 ({@code max_in_buffer_kb = 64},
     * {@code wsl_peer.cpp make_context}) but copies messages into a ring buffer of 2^16 bytes that
     * holds at most 2^16 - 1: a message one byte over the deliverable size is dropped ("Buffer payload
     * full! Dropping data.") and the connection stays up.
     */
    int closeAboveBytes(int maxMessageBytes) {
        return this == GODOT_3 && maxMessageBytes < Integer.MAX_VALUE ? maxMessageBytes + 1 : maxMessageBytes;
    }
}
