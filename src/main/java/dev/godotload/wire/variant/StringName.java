package dev.godotload.wire.variant;

import java.util.Objects;

/** Godot {@code StringName} ({@code &"name"}), distinct from String on the wire (type 21). */
public record StringName(String name) {
    public StringName {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return "&\"" + name + "\"";
    }
}
