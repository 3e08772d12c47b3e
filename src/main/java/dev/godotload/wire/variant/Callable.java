package dev.godotload.wire.variant;

/** Godot {@code Callable}: nothing of it travels; the receiver gets an empty Callable. */
public record Callable() {
    public static final Callable EMPTY = new Callable();
}
