package dev.godotload.wire.variant;

import java.util.Arrays;

/** Godot {@code PackedFloat32Array} (Godot 3: {@code PoolRealArray}). Immutable. */
public record PackedFloat32Array(float[] values) {
    public PackedFloat32Array {
        values = values.clone();
    }

    public static PackedFloat32Array of(float... values) {
        return new PackedFloat32Array(values);
    }

    /** A copy of the values. */
    @Override
    public float[] values() {
        return values.clone();
    }

    public int size() {
        return values.length;
    }

    public float get(int i) {
        return values[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackedFloat32Array p && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "PackedFloat32Array" + Arrays.toString(values);
    }
}
