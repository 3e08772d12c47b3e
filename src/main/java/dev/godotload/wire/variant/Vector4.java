package dev.godotload.wire.variant;

/** Godot {@code Vector4}; four f32 on the wire. */
public record Vector4(double x, double y, double z, double w) {
}
