package dev.godotload.wire.variant;

import java.util.Objects;

/** Godot {@code Transform3D} (Godot 3: {@code Transform}): basis and origin. */
public record Transform3D(Basis basis, Vector3 origin) {
    public static final Transform3D IDENTITY = new Transform3D(Basis.IDENTITY, Vector3.ZERO);

    public Transform3D {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(origin, "origin");
    }
}
