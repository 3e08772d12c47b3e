package dev.godotload.wire.variant;

import java.util.List;

/** Godot {@code PackedVector4Array}. Immutable. */
public record PackedVector4Array(List<Vector4> values) {
    public PackedVector4Array {
        values = List.copyOf(values);
    }

    public static PackedVector4Array of(Vector4... values) {
        return new PackedVector4Array(List.of(values));
    }
}
