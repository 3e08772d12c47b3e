package dev.godotload.wire.variant;

import java.util.Objects;

/** Godot {@code Transform2D}: the x and y axes (columns) and the origin, in that wire order. */
public record Transform2D(Vector2 x, Vector2 y, Vector2 origin) {
    public static final Transform2D IDENTITY = new Transform2D(new Vector2(1, 0), new Vector2(0, 1), Vector2.ZERO);

    public Transform2D {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        Objects.requireNonNull(origin, "origin");
    }
}
