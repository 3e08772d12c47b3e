package dev.godotload.wire.variant;

/** Godot {@code Color}; always four f32 on the wire, whatever the engine's precision. */
public record Color(double r, double g, double b, double a) {
}
