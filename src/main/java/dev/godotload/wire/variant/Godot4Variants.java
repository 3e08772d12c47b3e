package dev.godotload.wire.variant;

import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireEncodingException;
import dev.godotload.wire.WireReader;
import dev.godotload.wire.WireWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Godot 4's Variant encoding ({@code core/io/marshalls.cpp}). The {@link GodotVersion} decides the
 * typed-container headers and whether PackedVector4Array exists.
 *
 * <p>Decoding follows the engine: the header's type is its low byte; unused header bits are
 * ignored; a String ends at its first NUL; padding must be present; Objects are accepted only as
 * instance ids. Beyond the engine, it refuses bytes a Godot peer never writes where accepting them
 * would hide a bug: invalid UTF-8, a typed-container header on a version that has none.
 */
public final class Godot4Variants implements VariantCodec {
    private static final int FLAG_64 = VariantBodies.FLAG_64;

    private static final Godot4Variants V4_0 = new Godot4Variants(GodotVersion.GODOT_4_0, false);
    private static final Godot4Variants V4_3 = new Godot4Variants(GodotVersion.GODOT_4_3, false);
    private static final Godot4Variants V4_4 = new Godot4Variants(GodotVersion.GODOT_4_4, false);

    private final GodotVersion version;
    private final boolean doublePrecision;

    /**
     * @param doublePrecision write vectors, transforms and other real-based math types as f64, as
     *     engines built with {@code precision=double} do. Decoding accepts both regardless.
     */
    public Godot4Variants(GodotVersion version, boolean doublePrecision) {
        if (version.isGodot3()) {
            throw new IllegalArgumentException("Godot 3 uses Godot3Variants");
        }
        this.version = version;
        this.doublePrecision = doublePrecision;
    }

    /** The codec for a float32 engine build (every official build) of {@code version}. */
    public static Godot4Variants of(GodotVersion version) {
        return switch (version) {
            case GODOT_4_0 -> V4_0;
            case GODOT_4_3 -> V4_3;
            case GODOT_4_4 -> V4_4;
            case GODOT_3 -> throw new IllegalArgumentException("Godot 3 uses Godot3Variants");
        };
    }

    @Override
    public GodotVersion version() {
        return version;
    }

    // ---------------------------------------------------------------- decoding

    @Override
    public Object read(WireReader in) {
        return read(in, 0);
    }

    private VariantType typeOfId(WireReader in, int at, int id) {
        VariantType t = VariantType.ofId(id);
        if (t == null) {
            throw in.errorAt(at, "unknown Variant type id " + id);
        }
        if (t == VariantType.PACKED_VECTOR4_ARRAY && !version.hasPackedVector4Array()) {
            throw in.errorAt(at, "type 38 (PackedVector4Array) does not exist before Godot 4.3");
        }
        return t;
    }

    private Object read(WireReader in, int depth) {
        int at = in.offset();
        if (depth > MAX_DEPTH) {
            throw in.error("Variants nested deeper than " + MAX_DEPTH);
        }
        int header = in.i32("Variant header");
        VariantType type = typeOfId(in, at, header & 0xFF);
        // Only containers recurse. Their path (read -> readArray/readDictionary -> read) stays in
        // small frames: with the big switch below on it, 1024 nested Dictionaries took about 1.2 MB
        // of stack once JIT-compiled and overflowed a default 1 MB thread stack.
        if (type == VariantType.ARRAY) {
            return readArray(in, header, at, depth);
        }
        if (type == VariantType.DICTIONARY) {
            return readDictionary(in, header, at, depth);
        }
        return VariantBodies.read(in, type, header, (header & FLAG_64) != 0, at);
    }

    private ContainerType readContainerType(WireReader in, int kind, String what) {
        int at = in.offset();
        return switch (kind) {
            case 0 -> ContainerType.ANY;
            case 1 -> {
                int id = in.i32(what + " element type");
                VariantType t = typeOfId(in, at, id);
                yield t == VariantType.NIL ? ContainerType.ANY : new ContainerType.Builtin(t);
            }
            case 2 -> new ContainerType.ClassName(VariantBodies.string(in, what + " class name"));
            case 3 -> new ContainerType.Script(VariantBodies.string(in, what + " script path"));
            default -> throw new IllegalStateException("2-bit kind " + kind);
        };
    }

    private Object readArray(WireReader in, int header, int at, int depth) {
        int kind = (header >>> 16) & 3;
        if (kind != 0 && !version.hasTypedArrays()) {
            throw in.errorAt(at, "typed Array header (Godot 4.3+) in a Godot " + version.label() + " message");
        }
        ContainerType type = readContainerType(in, kind, "Array");
        int n = in.containerCount(4, "Array");
        List<Object> list = new ArrayList<>(Math.min(n, VariantBodies.PRESIZE_LIMIT));
        for (int i = 0; i < n; i++) {
            list.add(read(in, depth + 1));
        }
        if (type instanceof ContainerType.Any) {
            return list;
        }
        try {
            return new TypedArray(type, list);
        } catch (IllegalArgumentException e) {
            throw in.errorAt(at, e.getMessage());
        }
    }

    private Object readDictionary(WireReader in, int header, int at, int depth) {
        int keyKind = (header >>> 16) & 3;
        int valueKind = (header >>> 18) & 3;
        if ((keyKind | valueKind) != 0 && !version.hasTypedDictionaries()) {
            throw in.errorAt(at, "typed Dictionary header (Godot 4.4+) in a Godot " + version.label() + " message");
        }
        ContainerType keyType = readContainerType(in, keyKind, "Dictionary key");
        ContainerType valueType = readContainerType(in, valueKind, "Dictionary value");
        int n = in.containerCount(8, "Dictionary");
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Object key = read(in, depth + 1);
            map.put(key, read(in, depth + 1));
        }
        if (keyType instanceof ContainerType.Any && valueType instanceof ContainerType.Any) {
            return map;
        }
        try {
            return new TypedDictionary(keyType, valueType, map);
        } catch (IllegalArgumentException e) {
            throw in.errorAt(at, e.getMessage());
        }
    }

    // ---------------------------------------------------------------- encoding

    @Override
    public void write(WireWriter out, Object value) {
        write(out, value, 0);
    }

    private void write(WireWriter out, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new WireEncodingException("Variants nested deeper than " + MAX_DEPTH + " (a container holding itself?)");
        }
        VariantType type = Variants.typeOf(value);
        // As in read: only containers recurse, and their path stays in small frames (the big
        // switch below made 1024 nested Arrays overflow a 1 MB stack).
        if (type == VariantType.DICTIONARY) {
            writeDictionary(out, value, depth);
        } else if (type == VariantType.ARRAY) {
            writeArray(out, value, depth);
        } else {
            if (type == VariantType.PACKED_VECTOR4_ARRAY && !version.hasPackedVector4Array()) {
                throw new WireEncodingException("PackedVector4Array does not exist before Godot 4.3 (peer speaks "
                        + version.label() + ")");
            }
            VariantBodies.write(out, type.id(), type, value, doublePrecision);
        }
    }

    private void writeContainerType(WireWriter out, ContainerType type) {
        if (type instanceof ContainerType.Builtin b) {
            if (b.type() == VariantType.PACKED_VECTOR4_ARRAY && !version.hasPackedVector4Array()) {
                throw new WireEncodingException("PackedVector4Array does not exist before Godot 4.3");
            }
            out.i32(b.type().id());
        } else if (type instanceof ContainerType.ClassName c) {
            VariantBodies.writeString(out, c.name(), "class name");
        } else if (type instanceof ContainerType.Script s) {
            VariantBodies.writeString(out, s.path(), "script path");
        }
    }

    private void writeArray(WireWriter out, Object value, int depth) {
        List<?> elements;
        if (value instanceof TypedArray typed && version.hasTypedArrays()) {
            out.i32(VariantType.ARRAY.id() | typed.elementType().kind() << 16);
            writeContainerType(out, typed.elementType());
            elements = typed.elements();
        } else {
            // Before 4.3 Godot sends a typed Array untyped.
            out.i32(VariantType.ARRAY.id());
            elements = value instanceof TypedArray typed ? typed.elements() : (List<?>) value;
        }
        out.i32(elements.size());
        for (Object e : elements) {
            write(out, e, depth + 1);
        }
    }

    private void writeDictionary(WireWriter out, Object value, int depth) {
        Map<?, ?> entries;
        if (value instanceof TypedDictionary typed && version.hasTypedDictionaries()) {
            out.i32(VariantType.DICTIONARY.id() | typed.keyType().kind() << 16 | typed.valueType().kind() << 18);
            writeContainerType(out, typed.keyType());
            writeContainerType(out, typed.valueType());
            entries = typed.entries();
        } else {
            // Before 4.4 Godot sends a typed Dictionary untyped.
            out.i32(VariantType.DICTIONARY.id());
            entries = value instanceof TypedDictionary typed ? typed.entries() : (Map<?, ?>) value;
        }
        out.i32(entries.size());
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            write(out, e.getKey(), depth + 1);
            write(out, e.getValue(), depth + 1);
        }
    }
}
