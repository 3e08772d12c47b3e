package dev.godotload.wire.variant;

/** Godot {@code Vector2}; travels as two f32 (f64 only from double-precision engine builds). */
public record Vector2(double x, double y) {
    public static final Vector2 ZERO = new Vector2(0, 0);
}
