package dev.godotload.contract;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.godotload.wire.variant.VariantType;
import dev.godotload.wire.variant.Variants;

/**
 * One {@code @rpc} method of a node: its name, mode and parameter types, and how it travels
 * ({@code @rpc("any_peer", "call_local", "unreliable", 2)} declares the transfer mode, {@code call_local}
 * and the channel). A parameter type of {@code null} is an untyped ({@code Variant}) parameter.
 */
public record RpcSpec(String name, RpcMode mode, List<VariantType> parameters, TransferMode transferMode, int channel,
                      boolean callLocal) {
    public RpcSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(transferMode, "transferMode");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an RPC needs a name");
        }
        if (channel < 0) {
            throw new IllegalArgumentException(name + ": channel must be 0 or more, got " + channel);
        }
        parameters = Collections.unmodifiableList(new ArrayList<>(parameters)); // not List.copyOf: null is Variant
    }

    /** What a bare {@code @rpc("any_peer")} or {@code @rpc("authority")} declares: reliable, channel 0, call_remote. */
    public RpcSpec(String name, RpcMode mode, List<VariantType> parameters) {
        this(name, mode, parameters, TransferMode.RELIABLE, 0, false);
    }

    /**
     * Why Godot would refuse to call this method with {@code args}, or null when it would call it.
     * Typed GDScript parameters refuse a wrong count or a value of another type (ints are not
     * floats here: the contract's parameters are never float).
     */
    public String argumentError(List<Object> args) {
        if (args.size() != parameters.size()) {
            return name + " takes " + parameters.size() + " arguments, got " + args.size();
        }
        for (int i = 0; i < args.size(); i++) {
            VariantType want = parameters.get(i);
            if (want == null) {
                continue;
            }
            VariantType got = Variants.typeOf(args.get(i));
            if (got != want) {
                return name + " argument " + (i + 1) + " must be " + want.godotName() + ", got "
                        + Variants.describeType(args.get(i));
            }
        }
        return null;
    }

    /** The parameter list as GDScript would print it, e.g. {@code (String, int, int)}. */
    public String signature() {
        StringBuilder s = new StringBuilder(name).append('(');
        for (int i = 0; i < parameters.size(); i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(parameters.get(i) == null ? "Variant" : parameters.get(i).godotName());
        }
        return s.append(')').toString();
    }
}
