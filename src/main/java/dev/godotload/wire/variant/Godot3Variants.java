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

    private static final int FLAG_64 = 1 << 16;

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
        List<Object> list = new ArrayList<>(Math.min(n, Godot4Variants.PRESIZE_LIMIT));
        for (int i = 0; i < n; i++) {
            list.add(read(in, depth + 1));
        }
        return list;
    }

    /** A Variant of any type but Array and Dictionary, after its header (read at {@code at}). */
    private Object readLeaf(WireReader in, int header, int at, VariantType type) {
        boolean f64 = (header & FLAG_64) != 0;
        return switch (type) {
            case NIL -> null;
            case BOOL -> in.i32("bool") != 0;
            case INT -> f64 ? in.i64("int (64-bit)") : (long) in.i32("int");
            case FLOAT -> f64 ? in.f64("float (64-bit)") : (double) in.f32("float");
            case STRING -> Godot4Variants.readString(in, "String");
            case VECTOR2 -> vector2(in);
            case RECT2 -> new Rect2(vector2(in), vector2(in));
            case VECTOR3 -> vector3(in);
            case TRANSFORM2D -> new Transform2D(vector2(in), vector2(in), vector2(in));
            case PLANE -> new Plane(vector3(in), in.f32("Plane"));
            case QUATERNION -> new Quaternion(in.f32("Quat"), in.f32("Quat"), in.f32("Quat"), in.f32("Quat"));
            case AABB -> new AABB(vector3(in), vector3(in));
            case BASIS -> new Basis(vector3(in), vector3(in), vector3(in));
            case TRANSFORM3D -> new Transform3D(new Basis(vector3(in), vector3(in), vector3(in)), vector3(in));
            case COLOR -> color(in);
            case NODE_PATH -> Godot4Variants.readNodePath(in);
            case RID -> new Rid(0);
            case OBJECT -> {
                if ((header & FLAG_64) == 0) {
                    throw in.errorAt(at, "a full Object is refused (Godot decodes one only with allow_object_decoding)");
                }
                long oid = in.i64("Object id");
                yield oid == 0 ? null : new ObjectId(oid);
            }
            case PACKED_BYTE_ARRAY -> Godot4Variants.readPackedBytes(in);
            case PACKED_INT32_ARRAY -> {
                int n = in.count(4, "PoolIntArray");
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.i32("PoolIntArray");
                }
                yield new PackedInt32Array(v);
            }
            case PACKED_FLOAT32_ARRAY -> {
                int n = in.count(4, "PoolRealArray");
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.f32("PoolRealArray");
                }
                yield new PackedFloat32Array(v);
            }
            case PACKED_STRING_ARRAY -> {
                int n = in.count(4, "PoolStringArray");
                List<String> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(Godot4Variants.readString(in, "PoolStringArray element"));
                }
                yield new PackedStringArray(v);
            }
            case PACKED_VECTOR2_ARRAY -> {
                int n = in.count(8, "PoolVector2Array");
                List<Vector2> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(vector2(in));
                }
                yield new PackedVector2Array(v);
            }
            case PACKED_VECTOR3_ARRAY -> {
                int n = in.count(12, "PoolVector3Array");
                List<Vector3> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(vector3(in));
                }
                yield new PackedVector3Array(v);
            }
            case PACKED_COLOR_ARRAY -> {
                int n = in.count(16, "PoolColorArray");
                List<Color> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(color(in));
                }
                yield new PackedColorArray(v);
            }
            default -> throw new IllegalStateException("unmapped Godot 3 type " + type);
        };
    }

    private static Vector2 vector2(WireReader in) {
        return new Vector2(in.f32("Vector2"), in.f32("Vector2"));
    }

    private static Vector3 vector3(WireReader in) {
        return new Vector3(in.f32("Vector3"), in.f32("Vector3"), in.f32("Vector3"));
    }

    private static Color color(WireReader in) {
        return new Color(in.f32("Color"), in.f32("Color"), in.f32("Color"), in.f32("Color"));
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
        switch (type) {
            case NIL -> out.i32(id);
            case BOOL -> out.i32(id).i32((Boolean) value ? 1 : 0);
            case INT -> {
                long v = ((Number) value).longValue();
                if (v == (int) v) {
                    out.i32(id).i32((int) v);
                } else {
                    out.i32(id | FLAG_64).i64(v);
                }
            }
            case FLOAT -> {
                double d = ((Number) value).doubleValue();
                if ((double) (float) d == d) {
                    out.i32(id).f32((float) d);
                } else {
                    out.i32(id | FLAG_64).f64(d);
                }
            }
            case STRING -> Godot4Variants.writeString(out.i32(id), (String) value, "String");
            case VECTOR2 -> vector2(out.i32(id), (Vector2) value);
            case RECT2 -> {
                Rect2 r = (Rect2) value;
                vector2(out.i32(id), r.position());
                vector2(out, r.size());
            }
            case VECTOR3 -> vector3(out.i32(id), (Vector3) value);
            case TRANSFORM2D -> {
                Transform2D t = (Transform2D) value;
                vector2(out.i32(id), t.x());
                vector2(out, t.y());
                vector2(out, t.origin());
            }
            case PLANE -> {
                Plane p = (Plane) value;
                vector3(out.i32(id), p.normal());
                out.f32((float) p.d());
            }
            case QUATERNION -> {
                Quaternion q = (Quaternion) value;
                out.i32(id).f32((float) q.x()).f32((float) q.y()).f32((float) q.z()).f32((float) q.w());
            }
            case AABB -> {
                AABB b = (AABB) value;
                vector3(out.i32(id), b.position());
                vector3(out, b.size());
            }
            case BASIS -> basis(out.i32(id), (Basis) value);
            case TRANSFORM3D -> {
                Transform3D t = (Transform3D) value;
                basis(out.i32(id), t.basis());
                vector3(out, t.origin());
            }
            case COLOR -> color(out.i32(id), (Color) value);
            case NODE_PATH -> Godot4Variants.writeNodePath(out.i32(id), (NodePath) value);
            case RID -> {
                if (((Rid) value).id() != 0) {
                    throw new WireEncodingException("a Godot 3 RID carries no id; only RID 0 can be sent");
                }
                out.i32(id);
            }
            case OBJECT -> out.i32(id | FLAG_64).i64(((ObjectId) value).id());
            case PACKED_BYTE_ARRAY -> Godot4Variants.writePackedBytes(out.i32(id), (byte[]) value);
            case PACKED_INT32_ARRAY -> {
                PackedInt32Array a = (PackedInt32Array) value;
                out.i32(id).i32(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.i32(a.get(i));
                }
            }
            case PACKED_FLOAT32_ARRAY -> {
                PackedFloat32Array a = (PackedFloat32Array) value;
                out.i32(id).i32(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.f32(a.get(i));
                }
            }
            case PACKED_STRING_ARRAY -> {
                List<String> a = ((PackedStringArray) value).values();
                out.i32(id).i32(a.size());
                for (String s : a) {
                    Godot4Variants.writeNulTerminatedString(out, s);
                }
            }
            case PACKED_VECTOR2_ARRAY -> {
                List<Vector2> a = ((PackedVector2Array) value).values();
                out.i32(id).i32(a.size());
                a.forEach(v -> vector2(out, v));
            }
            case PACKED_VECTOR3_ARRAY -> {
                List<Vector3> a = ((PackedVector3Array) value).values();
                out.i32(id).i32(a.size());
                a.forEach(v -> vector3(out, v));
            }
            case PACKED_COLOR_ARRAY -> {
                List<Color> a = ((PackedColorArray) value).values();
                out.i32(id).i32(a.size());
                a.forEach(c -> color(out, c));
            }
            default -> throw new IllegalStateException("unmapped type " + type);
        }
    }

    private static WireWriter vector2(WireWriter out, Vector2 v) {
        return out.f32((float) v.x()).f32((float) v.y());
    }

    private static WireWriter vector3(WireWriter out, Vector3 v) {
        return out.f32((float) v.x()).f32((float) v.y()).f32((float) v.z());
    }

    private static void basis(WireWriter out, Basis b) {
        vector3(out, b.row0());
        vector3(out, b.row1());
        vector3(out, b.row2());
    }

    private static void color(WireWriter out, Color c) {
        out.f32((float) c.r()).f32((float) c.g()).f32((float) c.b()).f32((float) c.a());
    }
}
