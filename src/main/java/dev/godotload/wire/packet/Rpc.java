package dev.godotload.wire.packet;

import dev.godotload.wire.variant.Variants;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A Godot 4 remote procedure call (command 0): node, method id (the index of the method in the
 * node's sorted RPC names, see {@link RpcChecksum}), arguments. With the {@code 0x80} form a
 * single PackedByteArray argument travels as raw bytes, and no arguments as nothing at all.
 *
 * <p>Arguments hold Java Variant values (see {@link dev.godotload.wire.variant.Variants}).
 */
public record Rpc(NodeRef node, int methodId, List<Object> args, RpcLayout layout) implements Packet {
    /** Godot's limit: the argument count is one byte. */
    public static final int MAX_ARGS = 255;

    public Rpc {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(layout, "layout");
        args = Collections.unmodifiableList(new ArrayList<>(args));
        if (methodId < 0 || methodId > 0xFFFF) {
            throw new IllegalArgumentException("method id " + methodId + " does not fit 16 bits");
        }
        if (layout.methodIdBytes() == 1 && methodId > 0xFF) {
            throw new IllegalArgumentException("method id " + methodId + " does not fit the 1-byte form");
        }
        if (node instanceof NodeRef.Path && layout.nodeIdBytes() != 4) {
            throw new IllegalArgumentException("a node path needs the 4-byte node target form");
        }
        if (node instanceof NodeRef.Cached c) {
            long max = layout.nodeIdBytes() == 1 ? 0xFF : layout.nodeIdBytes() == 2 ? 0xFFFF : 0x7FFF_FFFF;
            if (c.id() > max) {
                throw new IllegalArgumentException("node id " + c.id() + " does not fit the " + layout.nodeIdBytes()
                        + "-byte form");
            }
        }
        if (layout.byteOnlyOrNoArgs()) {
            if (args.size() > 1 || args.size() == 1 && !(args.get(0) instanceof byte[])) {
                throw new IllegalArgumentException("the raw form carries no arguments or one PackedByteArray");
            }
        } else if (args.size() > MAX_ARGS) {
            throw new IllegalArgumentException(args.size() + " RPC arguments; Godot carries at most " + MAX_ARGS);
        }
    }

    /** A call laid out as Godot lays it out. */
    public static Rpc of(NodeRef node, int methodId, List<Object> args) {
        List<Object> copy = new ArrayList<>(args);
        return new Rpc(node, methodId, copy, RpcLayout.canonical(node, methodId, copy));
    }

    public static Rpc of(NodeRef node, int methodId, Object... args) {
        return of(node, methodId, Arrays.asList(args));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rpc r && node.equals(r.node) && methodId == r.methodId && layout.equals(r.layout)
                && Variants.deepEquals(args, r.args);
    }

    @Override
    public int hashCode() {
        return Objects.hash(node, methodId, layout, Variants.deepHashCode(args));
    }
}
