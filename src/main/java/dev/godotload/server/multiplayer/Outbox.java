package dev.godotload.server.multiplayer;

import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.PacketCodec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Encode once, write many: a packet becomes one buffer, and each target gets a retained duplicate
 * of it (same bytes, own indices), so a fan-out to N peers costs one encoding and no copies.
 */
final class Outbox {
    private final PacketCodec codec;
    private final ServerCounters counters;

    Outbox(PacketCodec codec, ServerCounters counters) {
        this.codec = codec;
        this.counters = counters;
    }

    /** The packet's bytes in a buffer the caller owns and must release (after its writes). */
    ByteBuf encode(Packet packet) {
        return wrap(codec.encode(packet));
    }

    /** Bytes already laid out (a relay rewritten in place) in a buffer the caller owns and must release. */
    ByteBuf wrap(byte[] packet) {
        counters.recordEncoded();
        return Unpooled.wrappedBuffer(packet);
    }

    /** A received message passed on unchanged, in a buffer the caller owns and must release: nothing is encoded. */
    ByteBuf forwarded(byte[] message) {
        return Unpooled.wrappedBuffer(message);
    }

    /** Writes {@code packet} to every target but {@code except} (0: none), then releases it. */
    void writeAll(ByteBuf packet, ServerCounters.Kind kind, Iterable<PeerState> targets, int except) {
        try {
            for (PeerState t : targets) {
                if (t.id != except) {
                    write(packet, kind, t);
                }
            }
        } finally {
            packet.release();
        }
    }

    /** Encodes and writes one packet to one peer. */
    void send(Packet packet, PeerState to) {
        ByteBuf buf = encode(packet);
        try {
            write(buf, ServerCounters.Kind.of(packet), to);
        } finally {
            buf.release();
        }
    }

    /** Writes {@code packet} to {@code to}, keeping the caller's reference (which it still releases). */
    void write(ByteBuf packet, ServerCounters.Kind kind, PeerState to) {
        hand(packet.retainedDuplicate(), kind, to);
    }

    /** Hands {@code packet} itself to {@code to}: the caller's reference goes with it. */
    void hand(ByteBuf packet, ServerCounters.Kind kind, PeerState to) {
        int bytes = packet.readableBytes();
        if (to.link.send(packet)) {
            counters.recordSent(kind, bytes);
        } else {
            counters.recordDropped();
        }
    }
}
