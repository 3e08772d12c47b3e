package dev.godotload.wire.variant;

/** Godot {@code Quaternion} (Godot 3: {@code Quat}). */
public record Quaternion(double x, double y, double z, double w) {
    public static final Quaternion IDENTITY = new Quaternion(0, 0, 0, 1);
}
