package dev.godotload.wire.variant;

import java.util.List;

/** Godot {@code PackedColorArray} (Godot 3: {@code PoolColorArray}). Immutable. */
public record PackedColorArray(List<Color> values) {
    public PackedColorArray {
        values = List.copyOf(values);
    }

    public static PackedColorArray of(Color... values) {
        return new PackedColorArray(List.of(values));
    }
}
