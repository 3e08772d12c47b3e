package dev.godotload.contract;

import java.util.Objects;

import dev.godotload.wire.variant.VariantType;

/**
 * One property of a {@code MultiplayerSynchronizer}'s {@code SceneReplicationConfig}.
 *
 * @param path  the property path relative to the synchronizer's root, as Godot writes it: {@code .:position},
 *              {@code Body:rotation}
 * @param type  the Godot type of the property's value, or null when unknown ({@code Variant})
 * @param spawn whether the property is part of the SPAWN packet's state
 * @param mode  when it is sent after the spawn
 */
public record ReplicatedProperty(String path, VariantType type, boolean spawn, ReplicationMode mode) {
    public ReplicatedProperty {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(mode, "mode");
        // SceneReplicationConfig refuses a path without a property (no subname), so do we.
        if (path.isEmpty() || path.startsWith(":") || path.indexOf(':') < 0) {
            throw new IllegalArgumentException("property path '" + path
                    + "' must name a node and a property, e.g. .:position");
        }
    }

    /** The type's Godot name, {@code Variant} when unknown. */
    public String typeName() {
        return type == null ? "Variant" : type.godotName();
    }
}
