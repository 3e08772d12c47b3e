package dev.godotload.wire.variant;

import java.util.Objects;

/** Godot {@code Projection}: four column vectors. */
public record Projection(Vector4 x, Vector4 y, Vector4 z, Vector4 w) {
    public Projection {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(z, "z");
        Objects.requireNonNull(w, "w");
    }
}
