package dev.godotload.wire.packet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.godotload.wire.variant.Variants;

/**
 * One synchronizer's values in a {@link Sync}: its net id (spawn-assigned, or a path-cache id with
 * {@link Replication#PATH_ADDRESSED} set) and the values of its sync properties in config order.
 */
public record SyncState(int netId, List<Object> values) {
    public SyncState {
        values = Collections.unmodifiableList(new ArrayList<>(values)); // values may be null (NIL)
    }

    public boolean isPathAddressed() {
        return Replication.isPathAddressed(netId);
    }

    /** The path-cache id of a path-addressed synchronizer. */
    public int pathCacheId() {
        return netId & ~Replication.PATH_ADDRESSED;
    }

    /** Values compare as Variants (arrays by content, floats by bits), as {@link Rpc} arguments do. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SyncState s && netId == s.netId && Variants.deepEquals(values, s.values);
    }

    @Override
    public int hashCode() {
        return 31 * netId + Variants.deepHashCode(values);
    }
}
