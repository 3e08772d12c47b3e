package dev.godotload.wire.variant;

import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireEncodingException;
import dev.godotload.wire.WireReader;
import dev.godotload.wire.WireWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Godot 3's Variant encoding (3.x {@code core/io/marshalls.cpp}): its own type ids (Pool arrays,
 * Quat, Transform), 64-bit only for int and float, an empty RID body, no typed containers.
 * Values map onto the same Java types as Godot 4's; those Godot 3 lacks (Vector2i, StringName,
 * PackedInt64Array …) are refused when encoding.
 */
public final class Godot3Variants implements VariantCodec {
    public static final Godot3Variants INSTANCE = new Godot3Variants();

    /** Godot 3 type ids in order (VARIANT_MAX = 27), as the Godot 4 type each one decodes to. */
    private static final VariantType[] BY_G3_ID = {
        VariantType.NIL, VariantType.BOOL, VariantType.INT, VariantType.FLOAT, VariantType.STRING,
        VariantType.VECTOR2, VariantType.RECT2, VariantType.VECTOR3, VariantType.TRANSFORM2D,
        VariantType.PLANE, VariantType.QUATERNION, VariantType.AABB, VariantType.BASIS,
        VariantType.TRANSFORM3D, VariantType.COLOR, VariantType.NODE_PATH, VariantType.RID,
        VariantType.OBJECT, VariantType.DICTIONARY, VariantType.ARRAY,
        VariantType.PACKED_BYTE_ARRAY, VariantType.PACKED_INT32_ARRAY, VariantType.PACKED_FLOAT32_ARRAY,
        VariantType.PACKED_STRING_ARRAY, VariantType.PACKED_VECTOR2_ARRAY, VariantType.PACKED_VECTOR3_ARRAY,
        VariantType.PACKED_COLOR_ARRAY,
    };
    private static final Map<VariantType, Integer> G3_ID = new EnumMap<>(VariantType.class);

    static {
        for (int i = 0; i < BY_G3_ID.length; i++) {
            G3_ID.put(BY_G3_ID[i], i);
        }
    }

    private Godot3Variants() {
    }

    @Override
    public GodotVersion version() {
        return GodotVersion.GODOT_3;
    }

    /** The Godot 3 type id of a value's type, or -1 when Godot 3 has no such type. */
    public static int godot3Id(VariantType type) {
        return G3_ID.getOrDefault(type, -1);
    }

    @Override
    public Object read(WireReader in) {
        return read(in, 0);
    }

    private Object read(WireReader in, int depth) {
        int at = in.offset();
        if (depth > MAX_DEPTH) {
            throw in.error("Variants nested deeper than " + MAX_DEPTH);
        }
        int header = in.i32("Variant header");
        int id = header & 0xFF;
        if (id >= BY_G3_ID.length) {
            throw in.errorAt(at, "unknown Godot 3 Variant type id " + id);
        }
        // Only containers recurse; their path stays in small frames (see Godot4Variants.read).
        VariantType type = BY_G3_ID[id];
        if (type == VariantType.ARRAY) {
            return readArray(in, depth);
        }
        if (type == VariantType.DICTIONARY) {
            return readDictionary(in, depth);
        }
        return readLeaf(in, header, at, type);
    }

    private Object readDictionary(WireReader in, int depth) {
        int n = in.containerCount(8, "Dictionary");
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            Object key = read(in, depth + 1);
            map.put(key, read(in, depth + 1));
        }
        return map;
    }

    private Object readArray(WireReader in, int depth) {
        int n = in.containerCount(4, "Array");
        List<Object> list = new ArrayList<>(Math.min(n, VariantBodies.PRESIZE_LIMIT));
        for (int i = 0; i < n; i++) {
            list.add(read(in, depth + 1));
        }
        return list;
    }

    /** A Variant of any type but Array and Dictionary, after its header (read at {@code at}). */
    private static Object readLeaf(WireReader in, int header, int at, VariantType type) {
        if (type == VariantType.RID) {
            return new Rid(0); // Godot 3 writes no RID body
        }
        // Godot 3 math types are always f32; only int and float honour the 64-bit flag.
        return VariantBodies.read(in, type, header, false, at);
    }

    @Override
    public void write(WireWriter out, Object value) {
        write(out, value, 0);
    }

    private void write(WireWriter out, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new WireEncodingException("Variants nested deeper than " + MAX_DEPTH + " (a container holding itself?)");
        }
        VariantType type = Variants.typeOf(value);
        int id = godot3Id(type);
        if (id < 0) {
            throw new WireEncodingException("Godot 3 has no " + type.godotName() + " type");
        }
        // As in read: only containers recurse, through small frames.
        if (type == VariantType.DICTIONARY) {
            writeDictionary(out, value, id, depth);
        } else if (type == VariantType.ARRAY) {
            writeArray(out, value, id, depth);
        } else {
            writeLeaf(out, value, type, id);
        }
    }

    private void writeDictionary(WireWriter out, Object value, int id, int depth) {
        Map<?, ?> map = value instanceof TypedDictionary t ? t.entries() : (Map<?, ?>) value;
        out.i32(id).i32(map.size());
        for (Map.Entry<?, ?> e : map.entrySet()) {
            write(out, e.getKey(), depth + 1);
            write(out, e.getValue(), depth + 1);
        }
    }

    private void writeArray(WireWriter out, Object value, int id, int depth) {
        List<?> list = value instanceof TypedArray t ? t.elements() : (List<?>) value;
        out.i32(id).i32(list.size());
        for (Object e : list) {
            write(out, e, depth + 1);
        }
    }

    /** A value of any type but Array and Dictionary, as Godot 3 type {@code id}. */
    private static void writeLeaf(WireWriter out, Object value, VariantType type, int id) {
        if (type == VariantType.RID) {
            if (((Rid) value).id() != 0) {
                throw new WireEncodingException("a Godot 3 RID carries no id; only RID 0 can be sent");
            }
            out.i32(id);
        } else {
            VariantBodies.write(out, id, type, value, false);
        }
    }
}
