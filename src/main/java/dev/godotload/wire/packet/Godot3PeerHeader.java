package dev.godotload.wire.packet;

import dev.godotload.wire.WireFormatException;
import dev.godotload.wire.WireReader;

/**
 * The 9-byte peer header in front of every Godot 3 message, {@code u8 type | i32 from | i32 to}, as a
 * server reads it to route the message before (and whether or not) it decodes the rest.
 *
 * @param type {@code 0} for data; the SYS types (ADD, DEL, ID) only ever come from the server
 */
public record Godot3PeerHeader(int type, int from, int to) {
    /** @throws WireFormatException for a message shorter than the header */
    public static Godot3PeerHeader read(byte[] message) {
        if (message.length < Godot3Packets.PEER_HEADER_BYTES) {
            throw new WireReader(message).error(message.length + " bytes, shorter than the "
                    + Godot3Packets.PEER_HEADER_BYTES + "-byte peer header");
        }
        WireReader in = new WireReader(message, 0, Godot3Packets.PEER_HEADER_BYTES);
        return new Godot3PeerHeader(in.u8("peer header type"), in.i32("from"), in.i32("to"));
    }

    /** A data message: the only kind a client may send. */
    public boolean isData() {
        return type == Godot3Packets.SYS_NONE;
    }
}
