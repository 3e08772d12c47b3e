package dev.godotload.wire.variant;

import java.util.List;

/** Godot {@code PackedStringArray} (Godot 3: {@code PoolStringArray}). Immutable. */
public record PackedStringArray(List<String> values) {
    public PackedStringArray {
        values = List.copyOf(values);
    }

    public static PackedStringArray of(String... values) {
        return new PackedStringArray(List.of(values));
    }
}
