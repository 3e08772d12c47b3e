package dev.godotload.wire.variant;

import java.util.Objects;

/** Godot {@code Rect2}: position and size. */
public record Rect2(Vector2 position, Vector2 size) {
    public Rect2 {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(size, "size");
    }
}
