package dev.godotload.wire.variant;

import java.util.Objects;

/** Godot {@code Plane}: normal and distance d. */
public record Plane(Vector3 normal, double d) {
    public Plane {
        Objects.requireNonNull(normal, "normal");
    }
}
