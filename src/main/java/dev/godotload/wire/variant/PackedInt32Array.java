package dev.godotload.wire.variant;

import java.util.Arrays;

/** Godot {@code PackedInt32Array} (Godot 3: {@code PoolIntArray}). Immutable. */
public record PackedInt32Array(int[] values) {
    public PackedInt32Array {
        values = values.clone();
    }

    public static PackedInt32Array of(int... values) {
        return new PackedInt32Array(values);
    }

    /** A copy of the values. */
    @Override
    public int[] values() {
        return values.clone();
    }

    public int size() {
        return values.length;
    }

    public int get(int i) {
        return values[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackedInt32Array p && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "PackedInt32Array" + Arrays.toString(values);
    }
}
