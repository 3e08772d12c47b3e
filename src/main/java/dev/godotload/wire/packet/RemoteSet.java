package dev.godotload.wire.packet;

import dev.godotload.wire.variant.Variants;
import java.util.Objects;

/** A Godot 3 remote property set ({@code rset}, MultiplayerAPI command 1). */
public record RemoteSet(NodeRef node, String property, Object value) implements Packet {
    public RemoteSet {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(property, "property");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteSet r && node.equals(r.node) && property.equals(r.property)
                && Variants.deepEquals(value, r.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, property, Variants.deepHashCode(value));
    }
}
