package dev.godotload.wire.variant;

/** Godot {@code Vector3i}: three i32. */
public record Vector3i(int x, int y, int z) {
}
