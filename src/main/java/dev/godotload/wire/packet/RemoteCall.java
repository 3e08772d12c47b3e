package dev.godotload.wire.packet;

import dev.godotload.wire.variant.Variants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/** A Godot 3 remote call (MultiplayerAPI command 0): the method travels by name. */
public record RemoteCall(NodeRef node, String method, List<Object> args) implements Packet {
    public RemoteCall {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(method, "method");
        args = Collections.unmodifiableList(new ArrayList<>(args));
        if (args.size() > Rpc.MAX_ARGS) {
            throw new IllegalArgumentException(args.size() + " RPC arguments; Godot carries at most " + Rpc.MAX_ARGS);
        }
    }

    public static RemoteCall of(NodeRef node, String method, Object... args) {
        return new RemoteCall(node, method, Arrays.asList(args));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteCall r && node.equals(r.node) && method.equals(r.method)
                && Variants.deepEquals(args, r.args);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, method, Variants.deepHashCode(args));
    }
}
