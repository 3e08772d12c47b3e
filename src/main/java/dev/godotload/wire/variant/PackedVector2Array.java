package dev.godotload.wire.variant;

import java.util.List;

/** Godot {@code PackedVector2Array} (Godot 3: {@code PoolVector2Array}). Immutable. */
public record PackedVector2Array(List<Vector2> values) {
    public PackedVector2Array {
        values = List.copyOf(values);
    }

    public static PackedVector2Array of(Vector2... values) {
        return new PackedVector2Array(List.of(values));
    }
}
