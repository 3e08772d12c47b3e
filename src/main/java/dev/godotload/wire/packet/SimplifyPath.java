package dev.godotload.wire.packet;

import java.util.Locale;
import java.util.Objects;

/**
 * SIMPLIFY_PATH: "from now on, cache id {@code cacheId} means node {@code path}". Godot 4 adds the
 * MD5 of the node's sorted RPC names ({@link RpcChecksum}); Godot 3 has none ({@code null}).
 */
public record SimplifyPath(int cacheId, String path, String methodsMd5) implements Packet {
    public SimplifyPath {
        Objects.requireNonNull(path, "path");
        if (cacheId < 0) {
            throw new IllegalArgumentException("path-cache id does not fit 31 bits");
        }
        if (methodsMd5 != null && !RpcChecksum.isMd5Hex(methodsMd5)) {
            throw new IllegalArgumentException("methodsMd5 must be 32 hex digits, got '" + methodsMd5 + "'");
        }
        if (methodsMd5 != null) {
            // Godot writes and compares the checksum in lowercase; so does the encoder.
            methodsMd5 = methodsMd5.toLowerCase(Locale.ROOT);
        }
    }

    /** Godot 3's form, without a checksum. */
    public static SimplifyPath godot3(int cacheId, String path) {
        return new SimplifyPath(cacheId, path, null);
    }
}
