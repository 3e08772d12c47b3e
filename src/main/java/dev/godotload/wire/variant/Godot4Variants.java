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
    static final int FLAG_64 = 1 << 16;
    private static final int OBJECT_AS_ID = 1 << 16;
    /**
     * Most elements an Array's list is sized for before they are read. A declared count is only
     * checked against the bytes left, and nested Arrays each reserve theirs before their elements
     * are read: sized in full, 1024 nested Arrays reserved about 1000 times the message size.
     */
    static final int PRESIZE_LIMIT = 64;

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
        return readLeaf(in, header, at, type);
    }

    /** A Variant of any type but Array and Dictionary, after its header (read at {@code at}). */
    private Object readLeaf(WireReader in, int header, int at, VariantType type) {
        boolean f64 = (header & FLAG_64) != 0;
        return switch (type) {
            case NIL -> null;
            case BOOL -> in.i32("bool") != 0;
            case INT -> f64 ? in.i64("int (64-bit)") : (long) in.i32("int");
            case FLOAT -> f64 ? in.f64("float (64-bit)") : (double) in.f32("float");
            case STRING -> readString(in, "String");
            case VECTOR2 -> readVector2(in, f64);
            case VECTOR2I -> new Vector2i(in.i32("Vector2i"), in.i32("Vector2i"));
            case RECT2 -> new Rect2(readVector2(in, f64), readVector2(in, f64));
            case RECT2I -> new Rect2i(new Vector2i(in.i32("Rect2i"), in.i32("Rect2i")),
                    new Vector2i(in.i32("Rect2i"), in.i32("Rect2i")));
            case VECTOR3 -> readVector3(in, f64);
            case VECTOR3I -> new Vector3i(in.i32("Vector3i"), in.i32("Vector3i"), in.i32("Vector3i"));
            case TRANSFORM2D -> new Transform2D(readVector2(in, f64), readVector2(in, f64), readVector2(in, f64));
            case VECTOR4 -> readVector4(in, f64);
            case VECTOR4I -> new Vector4i(in.i32("Vector4i"), in.i32("Vector4i"), in.i32("Vector4i"), in.i32("Vector4i"));
            case PLANE -> new Plane(readVector3(in, f64), real(in, f64, "Plane"));
            case QUATERNION -> new Quaternion(real(in, f64, "Quaternion"), real(in, f64, "Quaternion"),
                    real(in, f64, "Quaternion"), real(in, f64, "Quaternion"));
            case AABB -> new AABB(readVector3(in, f64), readVector3(in, f64));
            case BASIS -> readBasis(in, f64);
            case TRANSFORM3D -> new Transform3D(readBasis(in, f64), readVector3(in, f64));
            case PROJECTION -> new Projection(readVector4(in, f64), readVector4(in, f64), readVector4(in, f64),
                    readVector4(in, f64));
            case COLOR -> readColor(in);
            case STRING_NAME -> new StringName(readString(in, "StringName"));
            case NODE_PATH -> readNodePath(in);
            case RID -> new Rid(in.i64("RID"));
            case OBJECT -> readObject(in, header, at);
            case CALLABLE -> Callable.EMPTY;
            case SIGNAL -> new Signal(readString(in, "Signal name"), in.i64("Signal object id"));
            case DICTIONARY, ARRAY -> throw new IllegalStateException(type + " is read by read(in, depth)");
            case PACKED_BYTE_ARRAY -> readPackedBytes(in);
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
                    v.add(readString(in, "PackedStringArray element"));
                }
                yield new PackedStringArray(v);
            }
            case PACKED_VECTOR2_ARRAY -> {
                int n = in.count(f64 ? 16 : 8, "PackedVector2Array");
                List<Vector2> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(readVector2(in, f64));
                }
                yield new PackedVector2Array(v);
            }
            case PACKED_VECTOR3_ARRAY -> {
                int n = in.count(f64 ? 24 : 12, "PackedVector3Array");
                List<Vector3> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(readVector3(in, f64));
                }
                yield new PackedVector3Array(v);
            }
            case PACKED_COLOR_ARRAY -> {
                int n = in.count(16, "PackedColorArray");
                List<Color> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(readColor(in));
                }
                yield new PackedColorArray(v);
            }
            case PACKED_VECTOR4_ARRAY -> {
                int n = in.count(f64 ? 32 : 16, "PackedVector4Array");
                List<Vector4> v = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    v.add(readVector4(in, f64));
                }
                yield new PackedVector4Array(v);
            }
        };
    }

    private static double real(WireReader in, boolean f64, String what) {
        return f64 ? in.f64(what) : in.f32(what);
    }

    private static Vector2 readVector2(WireReader in, boolean f64) {
        return new Vector2(real(in, f64, "Vector2"), real(in, f64, "Vector2"));
    }

    private static Vector3 readVector3(WireReader in, boolean f64) {
        return new Vector3(real(in, f64, "Vector3"), real(in, f64, "Vector3"), real(in, f64, "Vector3"));
    }

    private static Vector4 readVector4(WireReader in, boolean f64) {
        return new Vector4(real(in, f64, "Vector4"), real(in, f64, "Vector4"), real(in, f64, "Vector4"),
                real(in, f64, "Vector4"));
    }

    private static Basis readBasis(WireReader in, boolean f64) {
        return new Basis(readVector3(in, f64), readVector3(in, f64), readVector3(in, f64));
    }

    private static Color readColor(WireReader in) {
        return new Color(in.f32("Color"), in.f32("Color"), in.f32("Color"), in.f32("Color"));
    }

    /** u32 byte length, UTF-8, zero padding to 4; the text ends at the first NUL, as in Godot. */
    static String readString(WireReader in, String what) {
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

    static NodePath readNodePath(WireReader in) {
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
            (i < names ? n : s).add(readString(in, "NodePath name"));
        }
        return new NodePath(n, s, (flags & 1) != 0);
    }

    private static Object readObject(WireReader in, int header, int at) {
        if ((header & OBJECT_AS_ID) == 0) {
            throw in.errorAt(at, "a full Object is refused (Godot decodes one only with allow_object_decoding)");
        }
        long id = in.i64("Object id");
        return id == 0 ? null : new ObjectId(id);
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
            case 2 -> new ContainerType.ClassName(readString(in, what + " class name"));
            case 3 -> new ContainerType.Script(readString(in, what + " script path"));
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
        List<Object> list = new ArrayList<>(Math.min(n, PRESIZE_LIMIT));
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

    static byte[] readPackedBytes(WireReader in) {
        int n = in.byteLength("PackedByteArray");
        byte[] v = in.bytes(n, "PackedByteArray");
        in.skipPad4(n, "PackedByteArray");
        return v;
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
            writeLeaf(out, value, type);
        }
    }

    /** A value of any type but Array and Dictionary. */
    private void writeLeaf(WireWriter out, Object value, VariantType type) {
        int realFlag = doublePrecision ? FLAG_64 : 0;
        switch (type) {
            case NIL -> out.i32(0);
            case BOOL -> out.i32(type.id()).i32((Boolean) value ? 1 : 0);
            case INT -> {
                long v = ((Number) value).longValue();
                if (v == (int) v) {
                    out.i32(type.id()).i32((int) v);
                } else {
                    out.i32(type.id() | FLAG_64).i64(v);
                }
            }
            case FLOAT -> {
                double d = ((Number) value).doubleValue();
                if ((double) (float) d == d) {
                    out.i32(type.id()).f32((float) d);
                } else {
                    out.i32(type.id() | FLAG_64).f64(d);
                }
            }
            case STRING -> writeString(out.i32(type.id()), (String) value, "String");
            case VECTOR2 -> writeVector2(out.i32(type.id() | realFlag), (Vector2) value);
            case VECTOR2I -> {
                Vector2i v = (Vector2i) value;
                out.i32(type.id()).i32(v.x()).i32(v.y());
            }
            case RECT2 -> {
                Rect2 r = (Rect2) value;
                writeVector2(out.i32(type.id() | realFlag), r.position());
                writeVector2(out, r.size());
            }
            case RECT2I -> {
                Rect2i r = (Rect2i) value;
                out.i32(type.id()).i32(r.position().x()).i32(r.position().y()).i32(r.size().x()).i32(r.size().y());
            }
            case VECTOR3 -> writeVector3(out.i32(type.id() | realFlag), (Vector3) value);
            case VECTOR3I -> {
                Vector3i v = (Vector3i) value;
                out.i32(type.id()).i32(v.x()).i32(v.y()).i32(v.z());
            }
            case TRANSFORM2D -> {
                Transform2D t = (Transform2D) value;
                writeVector2(out.i32(type.id() | realFlag), t.x());
                writeVector2(out, t.y());
                writeVector2(out, t.origin());
            }
            case VECTOR4 -> writeVector4(out.i32(type.id() | realFlag), (Vector4) value);
            case VECTOR4I -> {
                Vector4i v = (Vector4i) value;
                out.i32(type.id()).i32(v.x()).i32(v.y()).i32(v.z()).i32(v.w());
            }
            case PLANE -> {
                Plane p = (Plane) value;
                writeVector3(out.i32(type.id() | realFlag), p.normal());
                real(out, p.d());
            }
            case QUATERNION -> {
                Quaternion q = (Quaternion) value;
                out.i32(type.id() | realFlag);
                real(out, q.x());
                real(out, q.y());
                real(out, q.z());
                real(out, q.w());
            }
            case AABB -> {
                AABB b = (AABB) value;
                writeVector3(out.i32(type.id() | realFlag), b.position());
                writeVector3(out, b.size());
            }
            case BASIS -> writeBasis(out.i32(type.id() | realFlag), (Basis) value);
            case TRANSFORM3D -> {
                Transform3D t = (Transform3D) value;
                writeBasis(out.i32(type.id() | realFlag), t.basis());
                writeVector3(out, t.origin());
            }
            case PROJECTION -> {
                Projection p = (Projection) value;
                writeVector4(out.i32(type.id() | realFlag), p.x());
                writeVector4(out, p.y());
                writeVector4(out, p.z());
                writeVector4(out, p.w());
            }
            case COLOR -> writeColor(out.i32(type.id()), (Color) value);
            case STRING_NAME -> writeString(out.i32(type.id()), ((StringName) value).name(), "StringName");
            case NODE_PATH -> writeNodePath(out.i32(type.id()), (NodePath) value);
            case RID -> out.i32(type.id()).i64(((Rid) value).id());
            case OBJECT -> out.i32(type.id() | OBJECT_AS_ID).i64(((ObjectId) value).id());
            case CALLABLE -> out.i32(type.id());
            case SIGNAL -> {
                Signal s = (Signal) value;
                writeString(out.i32(type.id()), s.name(), "Signal name");
                out.i64(s.objectId());
            }
            case DICTIONARY, ARRAY -> throw new IllegalStateException(type + " is written by write(out, value, depth)");
            case PACKED_BYTE_ARRAY -> writePackedBytes(out.i32(type.id()), (byte[]) value);
            case PACKED_INT32_ARRAY -> {
                PackedInt32Array a = (PackedInt32Array) value;
                out.i32(type.id()).i32(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.i32(a.get(i));
                }
            }
            case PACKED_INT64_ARRAY -> {
                PackedInt64Array a = (PackedInt64Array) value;
                out.i32(type.id()).i32(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.i64(a.get(i));
                }
            }
            case PACKED_FLOAT32_ARRAY -> {
                PackedFloat32Array a = (PackedFloat32Array) value;
                out.i32(type.id()).i32(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.f32(a.get(i));
                }
            }
            case PACKED_FLOAT64_ARRAY -> {
                PackedFloat64Array a = (PackedFloat64Array) value;
                out.i32(type.id()).i32(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.f64(a.get(i));
                }
            }
            case PACKED_STRING_ARRAY -> {
                List<String> a = ((PackedStringArray) value).values();
                out.i32(type.id()).i32(a.size());
                for (String s : a) {
                    writeNulTerminatedString(out, s);
                }
            }
            case PACKED_VECTOR2_ARRAY -> {
                List<Vector2> a = ((PackedVector2Array) value).values();
                out.i32(type.id() | realFlag).i32(a.size());
                a.forEach(v -> writeVector2(out, v));
            }
            case PACKED_VECTOR3_ARRAY -> {
                List<Vector3> a = ((PackedVector3Array) value).values();
                out.i32(type.id() | realFlag).i32(a.size());
                a.forEach(v -> writeVector3(out, v));
            }
            case PACKED_COLOR_ARRAY -> {
                List<Color> a = ((PackedColorArray) value).values();
                out.i32(type.id()).i32(a.size());
                a.forEach(c -> writeColor(out, c));
            }
            case PACKED_VECTOR4_ARRAY -> {
                if (!version.hasPackedVector4Array()) {
                    throw new WireEncodingException("PackedVector4Array does not exist before Godot 4.3 (peer speaks "
                            + version.label() + ")");
                }
                List<Vector4> a = ((PackedVector4Array) value).values();
                out.i32(type.id() | realFlag).i32(a.size());
                a.forEach(v -> writeVector4(out, v));
            }
        }
    }

    private void real(WireWriter out, double v) {
        if (doublePrecision) {
            out.f64(v);
        } else {
            out.f32((float) v);
        }
    }

    private WireWriter writeVector2(WireWriter out, Vector2 v) {
        real(out, v.x());
        real(out, v.y());
        return out;
    }

    private WireWriter writeVector3(WireWriter out, Vector3 v) {
        real(out, v.x());
        real(out, v.y());
        real(out, v.z());
        return out;
    }

    private WireWriter writeVector4(WireWriter out, Vector4 v) {
        real(out, v.x());
        real(out, v.y());
        real(out, v.z());
        real(out, v.w());
        return out;
    }

    private void writeBasis(WireWriter out, Basis b) {
        writeVector3(out, b.row0());
        writeVector3(out, b.row1());
        writeVector3(out, b.row2());
    }

    private static void writeColor(WireWriter out, Color c) {
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

    private void writeContainerType(WireWriter out, ContainerType type) {
        if (type instanceof ContainerType.Builtin b) {
            if (b.type() == VariantType.PACKED_VECTOR4_ARRAY && !version.hasPackedVector4Array()) {
                throw new WireEncodingException("PackedVector4Array does not exist before Godot 4.3");
            }
            out.i32(b.type().id());
        } else if (type instanceof ContainerType.ClassName c) {
            writeString(out, c.name(), "class name");
        } else if (type instanceof ContainerType.Script s) {
            writeString(out, s.path(), "script path");
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
