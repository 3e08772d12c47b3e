package dev.godotload.wire.variant;

/** Godot {@code Vector4i}: four i32. */
public record Vector4i(int x, int y, int z, int w) {
}
