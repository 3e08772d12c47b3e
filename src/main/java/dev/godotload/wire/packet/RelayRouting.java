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
        byte[] copy = message.clone();
        copy[2] = (byte) source;
        copy[3] = (byte) (source >>> 8);
        copy[4] = (byte) (source >>> 16);
        copy[5] = (byte) (source >>> 24);
        return copy;
    }

    /** The packet inside, for a relay the server is a target of. */
    public static byte[] inner(byte[] message) {
        return Arrays.copyOfRange(message, Godot4Packets.SYS_CMD_SIZE, message.length);
    }
}
