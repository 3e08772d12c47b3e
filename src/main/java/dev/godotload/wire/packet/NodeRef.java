package dev.godotload.wire.packet;

import java.util.Objects;

/** How a packet names a node: by the sender's path-cache id, or by its path relative to {@code /root}. */
public sealed interface NodeRef {

    /** A path-cache id the sender announced with SIMPLIFY_PATH (31 bits). */
    record Cached(int id) implements NodeRef {
        public Cached {
            if (id < 0) {
                throw new IllegalArgumentException("path-cache id " + Integer.toUnsignedString(id)
                        + " does not fit 31 bits");
            }
        }
    }

    /** A node path relative to the multiplayer root, e.g. {@code Main/Chat}. */
    record Path(String path) implements NodeRef {
        public Path {
            Objects.requireNonNull(path, "path");
        }
    }

    static NodeRef cached(int id) {
        return new Cached(id);
    }

    static NodeRef path(String path) {
        return new Path(path);
    }
}
