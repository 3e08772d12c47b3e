package dev.godotload.wire.variant;

/** Godot {@code Vector2i}: two i32. */
public record Vector2i(int x, int y) {
}
