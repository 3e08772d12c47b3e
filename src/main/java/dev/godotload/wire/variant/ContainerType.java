package dev.godotload.wire.variant;

import java.util.Objects;

/**
 * The element type of a typed Array, or the key or value type of a typed Dictionary, as Godot
 * 4.3+ (Arrays) and 4.4+ (Dictionaries) write it in the Variant header.
 */
public sealed interface ContainerType {

    /** Wire kind: 0 none, 1 builtin, 2 class name, 3 script (header bits 16-17 / 18-19). */
    int kind();

    /** Untyped: any Variant (kind 0). */
    record Any() implements ContainerType {
        @Override
        public int kind() {
            return 0;
        }
    }

    /** A builtin Variant type, e.g. {@code Array[int]} (kind 1). Nil is not a type here: use {@link #ANY}. */
    record Builtin(VariantType type) implements ContainerType {
        public Builtin {
            Objects.requireNonNull(type, "type");
            if (type == VariantType.NIL) {
                throw new IllegalArgumentException("Nil is no container element type; use ContainerType.ANY");
            }
        }

        @Override
        public int kind() {
            return 1;
        }
    }

    /** A class, e.g. {@code Array[Node]} (kind 2); Godot writes Objects' classes as {@code EncodedObjectAsID}. */
    record ClassName(String name) implements ContainerType {
        public ClassName {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public int kind() {
            return 2;
        }
    }

    /** A script by its {@code res://} path (kind 3). */
    record Script(String path) implements ContainerType {
        public Script {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public int kind() {
            return 3;
        }
    }

    ContainerType ANY = new Any();

    static ContainerType of(VariantType type) {
        return new Builtin(type);
    }

    /** Whether {@code value} (a Java Variant value) may be an element of this type. */
    default boolean admits(Object value) {
        if (this instanceof Builtin b) {
            if (b.type() == VariantType.OBJECT) {
                return value == null || value instanceof ObjectId;
            }
            return Variants.typeOf(value) == b.type();
        }
        if (this instanceof Any) {
            return true;
        }
        return value == null || value instanceof ObjectId;
    }

    /** GDScript spelling: {@code int}, {@code Node}, {@code Variant}. */
    default String describe() {
        if (this instanceof Builtin b) {
            return b.type().godotName();
        }
        if (this instanceof ClassName c) {
            return c.name();
        }
        if (this instanceof Script s) {
            return s.path();
        }
        return "Variant";
    }
}
