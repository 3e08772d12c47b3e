package dev.godotload.wire.variant;

import java.util.List;

/** Godot {@code PackedVector3Array} (Godot 3: {@code PoolVector3Array}). Immutable. */
public record PackedVector3Array(List<Vector3> values) {
    public PackedVector3Array {
        values = List.copyOf(values);
    }

    public static PackedVector3Array of(Vector3... values) {
        return new PackedVector3Array(List.of(values));
    }
}
