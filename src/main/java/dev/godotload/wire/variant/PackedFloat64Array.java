package dev.godotload.wire.variant;

import java.util.Arrays;

/** Godot {@code PackedFloat64Array}. Immutable. */
public record PackedFloat64Array(double[] values) {
    public PackedFloat64Array {
        values = values.clone();
    }

    public static PackedFloat64Array of(double... values) {
        return new PackedFloat64Array(values);
    }

    /** A copy of the values. */
    @Override
    public double[] values() {
        return values.clone();
    }

    public int size() {
        return values.length;
    }

    public double get(int i) {
        return values[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PackedFloat64Array p && Arrays.equals(values, p.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "PackedFloat64Array" + Arrays.toString(values);
    }
}
