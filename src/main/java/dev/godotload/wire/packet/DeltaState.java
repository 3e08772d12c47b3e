package dev.godotload.wire.packet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.godotload.wire.variant.Variants;

/**
 * One synchronizer's changed watched properties in a {@link Delta}: bit i of {@code indexes} set
 * means the i-th watched property (config order, "on change" ones only) changed, and
 * {@code values} holds the changed ones in that order.
 */
public record DeltaState(int netId, long indexes, List<Object> values) {
    public DeltaState {
        values = Collections.unmodifiableList(new ArrayList<>(values));
        if (Long.bitCount(indexes) != values.size()) {
            throw new IllegalArgumentException("indexes " + Long.toBinaryString(indexes) + " name "
                    + Long.bitCount(indexes) + " properties but " + values.size() + " values are given");
        }
    }

    public boolean isPathAddressed() {
        return Replication.isPathAddressed(netId);
    }

    /** Values compare as Variants (arrays by content, floats by bits), as {@link Rpc} arguments do. */
    @Override
    public boolean equals(Object o) {
        return o instanceof DeltaState s && netId == s.netId && indexes == s.indexes && Variants.deepEquals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(netId, indexes, Variants.deepHashCode(values));
    }
}
