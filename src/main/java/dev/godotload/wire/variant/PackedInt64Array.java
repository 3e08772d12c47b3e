package dev.godotload.wire.variant;

import java.util.Arrays;

/** Godot {@code PackedInt64Array}. Immutable. */
public record PackedInt64Array(long[] values) {
    public PackedInt64Array {
        values = values.clone();
    }

    public static PackedInt64Array of(long... values) {
        return new PackedInt64Array(values);
    }

    /** A copy of the values. */
    @Override
    public long[] values() {
        return values.clone();
    }

    public int size() {
        return values.length;
    }

    public long get(int i) {
        return values[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackedInt64Array p && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "PackedInt64Array" + Arrays.toString(values);
    }
}
