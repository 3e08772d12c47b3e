package dev.godotload.wire.variant;

import java.util.Objects;

/** Godot {@code AABB}: position and size. */
public record AABB(Vector3 position, Vector3 size) {
    public AABB {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(size, "size");
    }
}
