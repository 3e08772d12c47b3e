package dev.godotload.wire.packet;

import java.util.Arrays;

import dev.godotload.wire.WireReader;

/**
 * What a Godot 4 server reads of a client's SYS RELAY ({@code 07 03 <peer:i32> <packet>}) to route
 * it: the 6-byte header only. SceneMultiplayer forwards the packet inside unread, with the peer field
 * turned from destination into source, so a router works on the raw message rather than a decoded
 * {@link Relay}.
 */
public final class RelayRouting {
    private RelayRouting() {
    }

    /** A SYS RELAY with a packet inside (a bare header is malformed, and not routed). */
    public static boolean isRelay(byte[] message) {
        return message.length > Godot4Packets.SYS_CMD_SIZE && message[0] == Godot4Packets.SYS
                && message[1] == Godot4Packets.SYS_RELAY;
    }

    /**
     * The peer field: {@code > 1} one peer, {@code <= 0} everyone but the sender and {@code -d}
     * (the server included unless {@code d == -1}). Call only when {@link #isRelay} holds.
     */
    public static int destination(byte[] message) {
        return new WireReader(message, 2, 4).i32("relay destination");
    }

    /** The relay as its receivers get it: the same bytes with the peer field set to {@code source}. */
    public static byte[] withSource(byte[] message, int source) {
        return withSourceInPlace(message.clone(), source);
    }

    /**
     * A client's SYS RELAY of an encoded packet to {@code destination}: what {@code encode(new Relay(destination,
     * inner))} gives, without encoding the inner packet again for each of a broadcast's destinations.
     */
    public static byte[] wrap(byte[] packet, int destination) {
        byte[] out = new byte[Godot4Packets.SYS_CMD_SIZE + packet.length];
        out[0] = (byte) Godot4Packets.SYS;
        out[1] = (byte) Godot4Packets.SYS_RELAY;
        System.arraycopy(packet, 0, out, Godot4Packets.SYS_CMD_SIZE, packet.length);
        return withSourceInPlace(out, destination);
    }

    private static byte[] withSourceInPlace(byte[] message, int peer) {
        message[2] = (byte) peer;
        message[3] = (byte) (peer >>> 8);
        message[4] = (byte) (peer >>> 16);
        message[5] = (byte) (peer >>> 24);
        return message;
    }

    /** The packet inside, for a relay the server is a target of. */
    public static byte[] inner(byte[] message) {
        return Arrays.copyOfRange(message, Godot4Packets.SYS_CMD_SIZE, message.length);
    }
}
