package dev.godotload.wire.packet;

import java.util.Objects;

/**
 * CONFIRM_PATH, the answer to a SIMPLIFY_PATH. Godot 4.3+ names the node by the cache id it
 * confirms ({@link NodeRef.Cached}); Godot 4.0–4.2 and Godot 3 echo the path ({@link NodeRef.Path}).
 * {@code valid} is false when the RPC checksum did not match (Godot 4; Godot 3 has no flag).
 */
public record ConfirmPath(boolean valid, NodeRef node) implements Packet {
    public ConfirmPath {
        Objects.requireNonNull(node, "node");
    }
}
