package dev.godotload.wire.variant;

import dev.godotload.wire.WireReader;
import dev.godotload.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The bodies of the Variant types that hold no other Variants, shared by the Godot 4 and Godot 3
 * codecs: the layouts are the same in both lines; the type ids, which types exist, and the
 * containers are each codec's own.
 */
final class VariantBodies {
    static final int FLAG_64 = 1 << 16;
    private static final int OBJECT_AS_ID = 1 << 16;
    /**
     * Most elements an Array's list is sized for before they are read. A declared count is only
     * checked against the bytes left, and nested Arrays each reserve theirs before their elements
     * are read: sized in full, 1024 nested Arrays reserved about 1000 times the message size.
     */
    static final int PRESIZE_LIMIT = 64;

    private VariantBodies() {
    }

    /**
     * The body of a Variant of any type but Array and Dictionary, whose header was read at
     * {@code at}. {@code f64}: reals in vectors, transforms and other math types are f64
     * (double-precision Godot 4 builds, which flag it in the header); int and float follow the
     * header's 64-bit flag themselves.
     */
    static Object read(WireReader in, VariantType type, int header, boolean f64, int at) {
        boolean wide = (header & FLAG_64) != 0;
        return switch (type) {
            case NIL -> null;
            case BOOL -> in.i32("bool") != 0;
            case INT -> wide ? in.i64("int (64-bit)") : (long) in.i32("int");
            case FLOAT -> wide ? in.f64("float (64-bit)") : (double) in.f32("float");
            case STRING -> string(in, "String");
            case VECTOR2 -> vector2(in, f64);
            case VECTOR2I -> new Vector2i(in.i32("Vector2i"), in.i32("Vector2i"));
            case RECT2 -> new Rect2(vector2(in, f64), vector2(in, f64));
            case RECT2I -> new Rect2i(new Vector2i(in.i32("Rect2i"), in.i32("Rect2i")),
                    new Vector2i(in.i32("Rect2i"), in.i32("Rect2i")));
            case VECTOR3 -> vector3(in, f64);
            case VECTOR3I -> new Vector3i(in.i32("Vector3i"), in.i32("Vector3i"), in.i32("Vector3i"));
            case TRANSFORM2D -> new Transform2D(vector2(in, f64), vector2(in, f64), vector2(in, f64));
            case VECTOR4 -> vector4(in, f64);
            case VECTOR4I -> new Vector4i(in.i32("Vector4i"), in.i32("Vector4i"), in.i32("Vector4i"), in.i32("Vector4i"));
            case PLANE -> new Plane(vector3(in, f64), real(in, f64, "Plane"));
            case QUATERNION -> new Quaternion(real(in, f64, "Quaternion"), real(in, f64, "Quaternion"),
                    real(in, f64, "Quaternion"), real(in, f64, "Quaternion"));
            case AABB -> new AABB(vector3(in, f64), vector3(in, f64));
            case BASIS -> basis(in, f64);
            case TRANSFORM3D -> new Transform3D(basis(in, f64), vector3(in, f64));
            case PROJECTION -> new Projection(vector4(in, f64), vector4(in, f64), vector4(in, f64),
                    vector4(in, f64));
            case COLOR -> color(in);
            case STRING_NAME -> new StringName(string(in, "StringName"));
            case NODE_PATH -> nodePath(in);
            case RID -> new Rid(in.i64("RID"));
            case OBJECT -> object(in, header, at);
            case CALLABLE -> Callable.EMPTY;
            case SIGNAL -> new Signal(string(in, "Signal name"), in.i64("Signal object id"));
            case DICTIONARY, ARRAY -> throw new IllegalStateException(type + " is read by read(in, depth)");
            case PACKED_BYTE_ARRAY -> packedBytes(in);
            case PACKED_INT32_ARRAY -> {
                int n = in.count(4, "PackedInt32Array");
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.i32("PackedInt32Array");
                }
                yield new PackedInt32Array(v);
            }
            case PACKED_INT64_ARRAY -> {
                int n = in.count(8, "PackedInt64Array");
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.i64("PackedInt64Array");
                }
                yield new PackedInt64Array(v);
            }
            case PACKED_FLOAT32_ARRAY -> {
                int n = in.count(4, "PackedFloat32Array");
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.f32("PackedFloat32Array");
                }
                yield new PackedFloat32Array(v);
            }
            case PACKED_FLOAT64_ARRAY -> {
                int n = in.count(8, "PackedFloat64Array");
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = in.f64("PackedFloat64Array");
                }
                yield new PackedFloat64Array(v);
            }
            case PACKED_STRING_ARRAY -> {
                int n = in.count(4, "PackedStringArray");
                List<String> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(string(in, "PackedStringArray element"));
                }
                yield new PackedStringArray(v);
            }
            case PACKED_VECTOR2_ARRAY -> {
                int n = in.count(f64 ? 16 : 8, "PackedVector2Array");
                List<Vector2> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(vector2(in, f64));
                }
                yield new PackedVector2Array(v);
            }
            case PACKED_VECTOR3_ARRAY -> {
                int n = in.count(f64 ? 24 : 12, "PackedVector3Array");
                List<Vector3> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(vector3(in, f64));
                }
                yield new PackedVector3Array(v);
            }
            case PACKED_COLOR_ARRAY -> {
                int n = in.count(16, "PackedColorArray");
                List<Color> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(color(in));
                }
                yield new PackedColorArray(v);
            }
            case PACKED_VECTOR4_ARRAY -> {
                int n = in.count(f64 ? 32 : 16, "PackedVector4Array");
                List<Vector4> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(vector4(in, f64));
                }
                yield new PackedVector4Array(v);
            }
        };
    }

    static double real(WireReader in, boolean f64, String what) {
        return f64 ? in.f64(what) : in.f32(what);
    }

    static Vector2 vector2(WireReader in, boolean f64) {
        return new Vector2(real(in, f64, "Vector2"), real(in, f64, "Vector2"));
    }

    static Vector3 vector3(WireReader in, boolean f64) {
        return new Vector3(real(in, f64, "Vector3"), real(in, f64, "Vector3"), real(in, f64, "Vector3"));
    }

    static Vector4 vector4(WireReader in, boolean f64) {
        return new Vector4(real(in, f64, "Vector4"), real(in, f64, "Vector4"), real(in, f64, "Vector4"),
                real(in, f64, "Vector4"));
    }

    static Basis basis(WireReader in, boolean f64) {
        return new Basis(vector3(in, f64), vector3(in, f64), vector3(in, f64));
    }

    static Color color(WireReader in) {
        return new Color(in.f32("Color"), in.f32("Color"), in.f32("Color"), in.f32("Color"));
    }

    /** u32 byte length, UTF-8, zero padding to 4; the text ends at the first NUL, as in Godot. */
    static String string(WireReader in, String what) {
        int len = in.byteLength(what);
        in.require(len + (long) ((4 - (len & 3)) & 3), what + " with its padding");
        int nul = in.nulWithin(len);
        String s;
        if (nul >= 0) {
            int textLen = nul - in.offset();
            s = in.utf8(textLen, what);
            in.skip(len - textLen, what);
        } else {
            s = in.utf8(len, what);
        }
        in.skipPad4(len, what);
        return s;
    }

    static NodePath nodePath(WireReader in) {
        int at = in.offset();
        long first = in.u32("NodePath name count");
        if ((first & 0x8000_0000L) == 0) {
            throw in.errorAt(at, "NodePath in the old (pre-3.0) format is refused, as Godot refuses it");
        }
        long names = first & 0x7FFF_FFFFL;
        long subnames = in.u32("NodePath subname count");
        int flags = in.i32("NodePath flags");
        if ((flags & 2) != 0) {
            subnames++; // the obsolete "property" form carries one more subname
        }
        int total = in.checkCount(names + subnames, 4, "NodePath name", at);
        List<String> n = new ArrayList<>((int) names);
        List<String> s = new ArrayList<>(total - (int) names);
        for (int i = 0; i < total; i++) {
            (i < names ? n : s).add(string(in, "NodePath name"));
        }
        return new NodePath(n, s, (flags & 1) != 0);
    }

    static Object object(WireReader in, int header, int at) {
        if ((header & OBJECT_AS_ID) == 0) {
            throw in.errorAt(at, "a full Object is refused (Godot decodes one only with allow_object_decoding)");
        }
        long id = in.i64("Object id");
        return id == 0 ? null : new ObjectId(id);
    }

    static byte[] packedBytes(WireReader in) {
        int n = in.byteLength("PackedByteArray");
        byte[] v = in.bytes(n, "PackedByteArray");
        in.skipPad4(n, "PackedByteArray");
        return v;
    }

    /**
     * A value of any type but Array and Dictionary, header included, with {@code wireId} as its
     * type id (Godot 3 numbers types differently). {@code f64}: write math types' reals as f64.
     */
    static void write(WireWriter out, int wireId, VariantType type, Object value, boolean f64) {
        int realFlag = f64 ? FLAG_64 : 0;
        switch (type) {
            case NIL -> out.i32(wireId);
            case BOOL -> out.i32(wireId).i32((Boolean) value ? 1 : 0);
            case INT -> {
                long v = ((Number) value).longValue();
                if (v == (int) v) {
                    out.i32(wireId).i32((int) v);
                } else {
                    out.i32(wireId | FLAG_64).i64(v);
                }
            }
            case FLOAT -> {
                double d = ((Number) value).doubleValue();
                if ((double) (float) d == d) {
                    out.i32(wireId).f32((float) d);
                } else {
                    out.i32(wireId | FLAG_64).f64(d);
                }
            }
            case STRING -> writeString(out.i32(wireId), (String) value, "String");
            case VECTOR2 -> writeVector2(out.i32(wireId | realFlag), f64, (Vector2) value);
            case VECTOR2I -> {
                Vector2i v = (Vector2i) value;
                out.i32(wireId).i32(v.x()).i32(v.y());
            }
            case RECT2 -> {
                Rect2 r = (Rect2) value;
                writeVector2(out.i32(wireId | realFlag), f64, r.position());
                writeVector2(out, f64, r.size());
            }
            case RECT2I -> {
                Rect2i r = (Rect2i) value;
                out.i32(wireId).i32(r.position().x()).i32(r.position().y()).i32(r.size().x()).i32(r.size().y());
            }
            case VECTOR3 -> writeVector3(out.i32(wireId | realFlag), f64, (Vector3) value);
            case VECTOR3I -> {
                Vector3i v = (Vector3i) value;
                out.i32(wireId).i32(v.x()).i32(v.y()).i32(v.z());
            }
            case TRANSFORM2D -> {
                Transform2D t = (Transform2D) value;
                writeVector2(out.i32(wireId | realFlag), f64, t.x());
                writeVector2(out, f64, t.y());
                writeVector2(out, f64, t.origin());
            }
            case VECTOR4 -> writeVector4(out.i32(wireId | realFlag), f64, (Vector4) value);
            case VECTOR4I -> {
                Vector4i v = (Vector4i) value;
                out.i32(wireId).i32(v.x()).i32(v.y()).i32(v.z()).i32(v.w());
            }
            case PLANE -> {
                Plane p = (Plane) value;
                writeVector3(out.i32(wireId | realFlag), f64, p.normal());
                real(out, f64, p.d());
            }
            case QUATERNION -> {
                Quaternion q = (Quaternion) value;
                out.i32(wireId | realFlag);
                real(out, f64, q.x());
                real(out, f64, q.y());
                real(out, f64, q.z());
                real(out, f64, q.w());
            }
            case AABB -> {
                AABB b = (AABB) value;
                writeVector3(out.i32(wireId | realFlag), f64, b.position());
                writeVector3(out, f64, b.size());
            }
            case BASIS -> writeBasis(out.i32(wireId | realFlag), f64, (Basis) value);
            case TRANSFORM3D -> {
                Transform3D t = (Transform3D) value;
                writeBasis(out.i32(wireId | realFlag), f64, t.basis());
                writeVector3(out, f64, t.origin());
            }
            case PROJECTION -> {
                Projection p = (Projection) value;
                writeVector4(out.i32(wireId | realFlag), f64, p.x());
                writeVector4(out, f64, p.y());
                writeVector4(out, f64, p.z());
                writeVector4(out, f64, p.w());
            }
            case COLOR -> writeColor(out.i32(wireId), (Color) value);
            case STRING_NAME -> writeString(out.i32(wireId), ((StringName) value).name(), "StringName");
            case NODE_PATH -> writeNodePath(out.i32(wireId), (NodePath) value);
            case RID -> out.i32(wireId).i64(((Rid) value).id());
            case OBJECT -> out.i32(wireId | OBJECT_AS_ID).i64(((ObjectId) value).id());
            case CALLABLE -> out.i32(wireId);
            case SIGNAL -> {
                Signal s = (Signal) value;
                writeString(out.i32(wireId), s.name(), "Signal name");
                out.i64(s.objectId());
            }
            case DICTIONARY, ARRAY -> throw new IllegalStateException(type + " is written by its codec");
            case PACKED_BYTE_ARRAY -> writePackedBytes(out.i32(wireId), (byte[]) value);
            case PACKED_INT32_ARRAY -> {
                PackedInt32Array a = (PackedInt32Array) value;
                out.i32(wireId).i32(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.i32(a.get(i));
                }
            }
            case PACKED_INT64_ARRAY -> {
                PackedInt64Array a = (PackedInt64Array) value;
                out.i32(wireId).i32(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.i64(a.get(i));
                }
            }
            case PACKED_FLOAT32_ARRAY -> {
                PackedFloat32Array a = (PackedFloat32Array) value;
                out.i32(wireId).i32(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.f32(a.get(i));
                }
            }
            case PACKED_FLOAT64_ARRAY -> {
                PackedFloat64Array a = (PackedFloat64Array) value;
                out.i32(wireId).i32(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.f64(a.get(i));
                }
            }
            case PACKED_STRING_ARRAY -> {
                List<String> a = ((PackedStringArray) value).values();
                out.i32(wireId).i32(a.size());
                for (String s : a) {
                    writeNulTerminatedString(out, s);
                }
            }
            case PACKED_VECTOR2_ARRAY -> {
                List<Vector2> a = ((PackedVector2Array) value).values();
                out.i32(wireId | realFlag).i32(a.size());
                a.forEach(v -> writeVector2(out, f64, v));
            }
            case PACKED_VECTOR3_ARRAY -> {
                List<Vector3> a = ((PackedVector3Array) value).values();
                out.i32(wireId | realFlag).i32(a.size());
                a.forEach(v -> writeVector3(out, f64, v));
            }
            case PACKED_COLOR_ARRAY -> {
                List<Color> a = ((PackedColorArray) value).values();
                out.i32(wireId).i32(a.size());
                a.forEach(c -> writeColor(out, c));
            }
            case PACKED_VECTOR4_ARRAY -> {
                List<Vector4> a = ((PackedVector4Array) value).values();
                out.i32(wireId | realFlag).i32(a.size());
                a.forEach(v -> writeVector4(out, f64, v));
            }
        }
    }

    static void real(WireWriter out, boolean f64, double v) {
        if (f64) {
            out.f64(v);
        } else {
            out.f32((float) v);
        }
    }

    static WireWriter writeVector2(WireWriter out, boolean f64, Vector2 v) {
        real(out, f64, v.x());
        real(out, f64, v.y());
        return out;
    }

    static WireWriter writeVector3(WireWriter out, boolean f64, Vector3 v) {
        real(out, f64, v.x());
        real(out, f64, v.y());
        real(out, f64, v.z());
        return out;
    }

    static WireWriter writeVector4(WireWriter out, boolean f64, Vector4 v) {
        real(out, f64, v.x());
        real(out, f64, v.y());
        real(out, f64, v.z());
        real(out, f64, v.w());
        return out;
    }

    static void writeBasis(WireWriter out, boolean f64, Basis b) {
        writeVector3(out, f64, b.row0());
        writeVector3(out, f64, b.row1());
        writeVector3(out, f64, b.row2());
    }

    static void writeColor(WireWriter out, Color c) {
        out.f32((float) c.r()).f32((float) c.g()).f32((float) c.b()).f32((float) c.a());
    }

    static void writeString(WireWriter out, String s, String what) {
        byte[] b = WireWriter.utf8(s, what);
        out.i32(b.length).bytes(b).pad4(b.length);
    }

    /** A PackedStringArray element: the length counts a NUL terminator, which is written. */
    static void writeNulTerminatedString(WireWriter out, String s) {
        byte[] b = WireWriter.utf8(s, "PackedStringArray element");
        out.i32(b.length + 1).bytes(b).u8(0).pad4(b.length + 1);
    }

    static void writeNodePath(WireWriter out, NodePath p) {
        out.i32(p.names().size() | 0x8000_0000).i32(p.subnames().size()).i32(p.absolute() ? 1 : 0);
        for (String n : p.names()) {
            writeString(out, n, "NodePath name");
        }
        for (String n : p.subnames()) {
            writeString(out, n, "NodePath subname");
        }
    }

    static void writePackedBytes(WireWriter out, byte[] b) {
        out.i32(b.length).bytes(b).pad4(b.length);
    }
}
