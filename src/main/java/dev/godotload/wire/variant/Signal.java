package dev.godotload.wire.variant;

import java.util.Objects;

/** Godot {@code Signal}: its name and the (process-local) id of the object that owns it. */
public record Signal(String name, long objectId) {
    public Signal {
        Objects.requireNonNull(name, "name");
    }
}
