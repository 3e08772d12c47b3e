package dev.godotload.wire.packet;

import java.util.List;

/**
 * The size choices in byte 0 of a Godot 4 RPC: how many bytes the node target and the method id
 * take, and whether the {@code 0x80} "no arguments or raw bytes" form is used. Godot always
 * picks the smallest ({@link #canonical}); decoded packets keep what was on the wire so they
 * re-encode byte for byte.
 */
public record RpcLayout(int nodeIdBytes, int methodIdBytes, boolean byteOnlyOrNoArgs) {
    public RpcLayout {
        if (nodeIdBytes != 1 && nodeIdBytes != 2 && nodeIdBytes != 4) {
            throw new IllegalArgumentException("node id takes 1, 2 or 4 bytes, not " + nodeIdBytes);
        }
        if (methodIdBytes != 1 && methodIdBytes != 2) {
            throw new IllegalArgumentException("method id takes 1 or 2 bytes, not " + methodIdBytes);
        }
    }

    /** What Godot's sender picks for this call. */
    public static RpcLayout canonical(NodeRef node, int methodId, List<Object> args) {
        int nodeBytes;
        if (node instanceof NodeRef.Cached c) {
            nodeBytes = c.id() <= 0xFF ? 1 : c.id() <= 0xFFFF ? 2 : 4;
        } else {
            nodeBytes = 4;
        }
        boolean raw = args.isEmpty() || args.size() == 1 && args.get(0) instanceof byte[];
        return new RpcLayout(nodeBytes, methodId <= 0xFF ? 1 : 2, raw);
    }
}
