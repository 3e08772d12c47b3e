package dev.godotload.wire.variant;

/** Godot {@code Vector3}; three f32 on the wire. */
public record Vector3(double x, double y, double z) {
    public static final Vector3 ZERO = new Vector3(0, 0, 0);
}
