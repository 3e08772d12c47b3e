package dev.godotload.world;

import java.util.Arrays;

/**
 * One applied merge as the store keeps it: the world version it made, the peer that sent it, that
 * peer's {@code op_id}, and the props it glued (as sent).
 */
public record StoredMerge(long version, int peer, long opId, int[] glued) {
    public StoredMerge {
        glued = glued.clone();
    }

    @Override
    public int[] glued() {
        return glued.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoredMerge m && m.version == version && m.peer == peer && m.opId == opId
                && Arrays.equals(m.glued, glued);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(version) * 31 + Arrays.hashCode(glued);
    }

    @Override
    public String toString() {
        return "StoredMerge[version=" + version + ", peer=" + peer + ", opId=" + opId + ", glued=" + Arrays.toString(glued) + "]";
    }
}
