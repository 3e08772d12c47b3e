package dev.godotload.server.multiplayer;

import dev.godotload.wire.packet.Godot3Packets;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Routed;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Godot 3 messages, encoded once and written many times. A message that is the same for every
 * target (a SYS_ADD, an RPC to all with {@code to = 0}) is encoded once and each target gets a
 * retained duplicate. A message whose 9-byte peer header names each target in {@code to} (the
 * per-peer form of {@code _send_rpc}, SIMPLIFY_PATH) has its body encoded once; each target gets a
 * fresh header in front of a retained duplicate of that body, nothing copied.
 */
final class Godot3Outbox {
    /** The server's peer id: the {@code from} of everything it sends. */
    static final int SERVER = 1;
    private final Outbox outbox;

    Godot3Outbox(ServerCounters counters) {
        this.outbox = new Outbox(Godot3Packets.INSTANCE, counters);
    }

    /** The whole message, header included, in a buffer the caller owns and must release. */
    ByteBuf encode(int to, Packet packet) {
        return outbox.encode(new Routed(SERVER, to, packet));
    }

    /** A MultiplayerAPI packet without its peer header, in a buffer the caller owns and must release. */
    ByteBuf body(Packet packet) {
        ByteBuf whole = encode(0, packet);
        return whole.skipBytes(Godot3Packets.PEER_HEADER_BYTES);
    }

    /** Encodes and writes one message to one peer. */
    void send(int to, Packet packet, PeerState target) {
        outbox.send(new Routed(SERVER, to, packet), target);
    }

    /** Writes {@code message} to {@code target}, keeping the caller's reference. */
    void write(ByteBuf message, ServerCounters.Kind kind, PeerState target) {
        outbox.write(message, kind, target);
    }

    /** Writes {@code message} to every target, then releases it. */
    void writeAll(ByteBuf message, ServerCounters.Kind kind, Iterable<PeerState> targets) {
        outbox.writeAll(message, kind, targets, 0);
    }

    /**
     * Writes a data message {@code from = 1, to = target} around {@code body} (a {@link #body}; the
     * caller keeps its reference): the form of every per-peer packet of {@code _send_rpc}.
     */
    void writeToPeer(ByteBuf body, ServerCounters.Kind kind, PeerState target) {
        ByteBuf header = Unpooled.wrappedBuffer(Godot3Packets.dataHeader(SERVER, target.id));
        outbox.hand(Unpooled.wrappedBuffer(header, body.retainedDuplicate()), kind, target);
    }

    /** A client's message passed on byte for byte, header included: nothing encoded. */
    void forward(byte[] message, Iterable<PeerState> targets) {
        outbox.writeAll(outbox.forwarded(message), ServerCounters.Kind.RELAY, targets, 0);
    }
}
