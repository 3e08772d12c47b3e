package dev.godotload.wire.variant;

import java.util.Objects;

/**
 * Godot {@code Basis}, stored as its three rows, the order Godot keeps in memory and writes on the
 * wire. (GDScript's {@code Basis(x, y, z)} takes the axes, which are the columns.)
 */
public record Basis(Vector3 row0, Vector3 row1, Vector3 row2) {
    public static final Basis IDENTITY = new Basis(new Vector3(1, 0, 0), new Vector3(0, 1, 0), new Vector3(0, 0, 1));

    public Basis {
        Objects.requireNonNull(row0, "row0");
        Objects.requireNonNull(row1, "row1");
        Objects.requireNonNull(row2, "row2");
    }
}
