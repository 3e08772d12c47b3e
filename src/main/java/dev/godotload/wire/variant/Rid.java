package dev.godotload.wire.variant;

/** Godot {@code RID}: a process-local resource id (meaningless on another peer). */
public record Rid(long id) {
}
