package dev.godotload.wire.variant;

import java.util.Objects;

/** Godot {@code Rect2i}: integer position and size. */
public record Rect2i(Vector2i position, Vector2i size) {
    public Rect2i {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(size, "size");
    }
}
