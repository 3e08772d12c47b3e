package dev.godotload.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.godotload.wire.variant.AABB;
import dev.godotload.wire.variant.Basis;
import dev.godotload.wire.variant.Callable;
import dev.godotload.wire.variant.Color;
import dev.godotload.wire.variant.ContainerType;
import dev.godotload.wire.variant.NodePath;
import dev.godotload.wire.variant.ObjectId;
import dev.godotload.wire.variant.PackedColorArray;
import dev.godotload.wire.variant.PackedFloat32Array;
import dev.godotload.wire.variant.PackedFloat64Array;
import dev.godotload.wire.variant.PackedInt32Array;
import dev.godotload.wire.variant.PackedInt64Array;
import dev.godotload.wire.variant.PackedStringArray;
import dev.godotload.wire.variant.PackedVector2Array;
import dev.godotload.wire.variant.PackedVector3Array;
import dev.godotload.wire.variant.PackedVector4Array;
import dev.godotload.wire.variant.Plane;
import dev.godotload.wire.variant.Projection;
import dev.godotload.wire.variant.Quaternion;
import dev.godotload.wire.variant.Rect2;
import dev.godotload.wire.variant.Rect2i;
import dev.godotload.wire.variant.Rid;
import dev.godotload.wire.variant.Signal;
import dev.godotload.wire.variant.StringName;
import dev.godotload.wire.variant.Transform2D;
import dev.godotload.wire.variant.Transform3D;
import dev.godotload.wire.variant.TypedArray;
import dev.godotload.wire.variant.TypedDictionary;
import dev.godotload.wire.variant.VariantType;
import dev.godotload.wire.variant.Variants;
import dev.godotload.wire.variant.Vector2;
import dev.godotload.wire.variant.Vector2i;
import dev.godotload.wire.variant.Vector3;
import dev.godotload.wire.variant.Vector3i;
import dev.godotload.wire.variant.Vector4;
import dev.godotload.wire.variant.Vector4i;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Variants as type-tagged JSON, the form QA reads: {@code {"type":"Vector3","value":[1.0,2.0,3.0]}}.
 * Type names are Godot's; containers nest tagged values; a Dictionary is a list of
 * {@code [key, value]} pairs in order; a typed container names its types in {@code "of"}
 * ({@code "int"}, a class name, a {@code res://} script, or {@code "Variant"} for untyped).
 * Floats are written exactly (NaN and infinities as the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}); the mapping is the inverse of {@link #fromJson}.
 */
public final class VariantJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private VariantJson() {
    }

    // ---------------------------------------------------------------- Java value -> JSON

    public static ObjectNode toJson(Object value) {
        VariantType type = Variants.typeOf(value);
        ObjectNode node = F.objectNode();
        node.put("type", type.godotName());
        if (value instanceof TypedArray t) {
            node.put("of", t.elementType().describe());
            node.set("value", list(t.elements()));
            return node;
        }
        if (value instanceof TypedDictionary t) {
            node.set("of", F.arrayNode().add(t.keyType().describe()).add(t.valueType().describe()));
            node.set("value", pairs(t.entries()));
            return node;
        }
        node.set("value", body(type, value));
        return node;
    }

    private static ArrayNode list(List<?> elements) {
        ArrayNode a = F.arrayNode();
        elements.forEach(e -> a.add(toJson(e)));
        return a;
    }

    private static ArrayNode pairs(Map<?, ?> map) {
        ArrayNode a = F.arrayNode();
        map.forEach((k, v) -> a.add(F.arrayNode().add(toJson(k)).add(toJson(v))));
        return a;
    }

    private static JsonNode real(double d) {
        if (Double.isNaN(d)) {
            return F.textNode("NaN");
        }
        if (Double.isInfinite(d)) {
            return F.textNode(d > 0 ? "Infinity" : "-Infinity");
        }
        return F.numberNode(d);
    }

    private static ArrayNode reals(double... v) {
        ArrayNode a = F.arrayNode();
        for (double d : v) {
            a.add(real(d));
        }
        return a;
    }

    private static ArrayNode ints(long... v) {
        ArrayNode a = F.arrayNode();
        for (long x : v) {
            a.add(x);
        }
        return a;
    }

    private static ArrayNode vec(Vector2 v) {
        return reals(v.x(), v.y());
    }

    private static ArrayNode vec(Vector3 v) {
        return reals(v.x(), v.y(), v.z());
    }

    private static ArrayNode vec(Vector4 v) {
        return reals(v.x(), v.y(), v.z(), v.w());
    }

    private static ArrayNode color(Color c) {
        return reals(c.r(), c.g(), c.b(), c.a());
    }

    private static ArrayNode rows(Basis b) {
        return F.arrayNode().add(vec(b.row0())).add(vec(b.row1())).add(vec(b.row2()));
    }

    private static JsonNode body(VariantType type, Object value) {
        return switch (type) {
            case NIL -> F.nullNode();
            case BOOL -> F.booleanNode((Boolean) value);
            case INT -> F.numberNode(((Number) value).longValue());
            case FLOAT -> real(((Number) value).doubleValue());
            case STRING -> F.textNode((String) value);
            case VECTOR2 -> vec((Vector2) value);
            case VECTOR2I -> ints(((Vector2i) value).x(), ((Vector2i) value).y());
            case RECT2 -> F.objectNode().<ObjectNode>set("position", vec(((Rect2) value).position()))
                    .set("size", vec(((Rect2) value).size()));
            case RECT2I -> {
                Rect2i r = (Rect2i) value;
                yield F.objectNode().<ObjectNode>set("position", ints(r.position().x(), r.position().y()))
                        .set("size", ints(r.size().x(), r.size().y()));
            }
            case VECTOR3 -> vec((Vector3) value);
            case VECTOR3I -> {
                Vector3i v = (Vector3i) value;
                yield ints(v.x(), v.y(), v.z());
            }
            case TRANSFORM2D -> {
                Transform2D t = (Transform2D) value;
                yield F.objectNode().<ObjectNode>set("x", vec(t.x())).<ObjectNode>set("y", vec(t.y()))
                        .set("origin", vec(t.origin()));
            }
            case VECTOR4 -> vec((Vector4) value);
            case VECTOR4I -> {
                Vector4i v = (Vector4i) value;
                yield ints(v.x(), v.y(), v.z(), v.w());
            }
            case PLANE -> F.objectNode().<ObjectNode>set("normal", vec(((Plane) value).normal()))
                    .set("d", real(((Plane) value).d()));
            case QUATERNION -> {
                Quaternion q = (Quaternion) value;
                yield reals(q.x(), q.y(), q.z(), q.w());
            }
            case AABB -> F.objectNode().<ObjectNode>set("position", vec(((AABB) value).position()))
                    .set("size", vec(((AABB) value).size()));
            case BASIS -> F.objectNode().set("rows", rows((Basis) value));
            case TRANSFORM3D -> F.objectNode().<ObjectNode>set("basis_rows", rows(((Transform3D) value).basis()))
                    .set("origin", vec(((Transform3D) value).origin()));
            case PROJECTION -> {
                Projection p = (Projection) value;
                yield F.objectNode().set("columns", F.arrayNode().add(vec(p.x())).add(vec(p.y())).add(vec(p.z()))
                        .add(vec(p.w())));
            }
            case COLOR -> color((Color) value);
            case STRING_NAME -> F.textNode(((StringName) value).name());
            case NODE_PATH -> F.textNode(value.toString());
            case RID -> F.numberNode(((Rid) value).id());
            case OBJECT -> F.objectNode().put("id", ((ObjectId) value).id());
            case CALLABLE -> F.nullNode();
            case SIGNAL -> F.objectNode().put("name", ((Signal) value).name()).put("object", ((Signal) value).objectId());
            case DICTIONARY -> pairs((Map<?, ?>) value);
            case ARRAY -> list((List<?>) value);
            case PACKED_BYTE_ARRAY -> {
                ArrayNode a = F.arrayNode();
                for (byte b : (byte[]) value) {
                    a.add(b & 0xFF);
                }
                yield a;
            }
            case PACKED_INT32_ARRAY -> {
                ArrayNode a = F.arrayNode();
                for (int v : ((PackedInt32Array) value).values()) {
                    a.add(v);
                }
                yield a;
            }
            case PACKED_INT64_ARRAY -> ints(((PackedInt64Array) value).values());
            case PACKED_FLOAT32_ARRAY -> {
                ArrayNode a = F.arrayNode();
                for (float v : ((PackedFloat32Array) value).values()) {
                    a.add(real(v));
                }
                yield a;
            }
            case PACKED_FLOAT64_ARRAY -> reals(((PackedFloat64Array) value).values());
            case PACKED_STRING_ARRAY -> {
                ArrayNode a = F.arrayNode();
                ((PackedStringArray) value).values().forEach(a::add);
                yield a;
            }
            case PACKED_VECTOR2_ARRAY -> {
                ArrayNode a = F.arrayNode();
                ((PackedVector2Array) value).values().forEach(v -> a.add(vec(v)));
                yield a;
            }
            case PACKED_VECTOR3_ARRAY -> {
                ArrayNode a = F.arrayNode();
                ((PackedVector3Array) value).values().forEach(v -> a.add(vec(v)));
                yield a;
            }
            case PACKED_COLOR_ARRAY -> {
                ArrayNode a = F.arrayNode();
                ((PackedColorArray) value).values().forEach(c -> a.add(color(c)));
                yield a;
            }
            case PACKED_VECTOR4_ARRAY -> {
                ArrayNode a = F.arrayNode();
                ((PackedVector4Array) value).values().forEach(v -> a.add(vec(v)));
                yield a;
            }
        };
    }

    // ---------------------------------------------------------------- JSON -> Java value

    /**
     * The Java value of a tagged JSON Variant.
     *
     * @throws IllegalArgumentException naming the JSON path and what was expected
     */
    public static Object fromJson(JsonNode node) {
        return read(node, "$");
    }

    private static IllegalArgumentException bad(String where, String what) {
        return new IllegalArgumentException(where + ": " + what);
    }

    private static Object read(JsonNode node, String where) {
        if (node == null || !node.isObject() || !node.path("type").isTextual()) {
            throw bad(where, "expected {\"type\": <Godot type name>, \"value\": ...}");
        }
        String typeName = node.get("type").asText();
        VariantType type = VariantType.ofGodotName(typeName);
        if (type == null) {
            throw bad(where, "unknown Godot type '" + typeName + "'");
        }
        JsonNode v = node.get("value");
        if (v == null) {
            throw bad(where, "missing \"value\"");
        }
        String at = where + ".value";
        JsonNode of = node.get("of");
        if (of != null && type == VariantType.ARRAY) {
            if (!of.isTextual()) {
                throw bad(where + ".of", "expected the element type as a string");
            }
            ContainerType elementType = containerType(of.asText(), where + ".of");
            // Elements are checked as they are read, so an error names the element's path.
            List<Object> elements = readList(v, at, elementType, "an Array[" + elementType.describe() + "]");
            try {
                return new TypedArray(elementType, elements);
            } catch (IllegalArgumentException e) {
                throw bad(where + ".of", e.getMessage());
            }
        }
        if (of != null && type == VariantType.DICTIONARY) {
            if (!of.isArray() || of.size() != 2 || !of.get(0).isTextual() || !of.get(1).isTextual()) {
                throw bad(where + ".of", "expected [key type, value type]");
            }
            ContainerType keyType = containerType(of.get(0).asText(), where + ".of[0]");
            ContainerType valueType = containerType(of.get(1).asText(), where + ".of[1]");
            Map<Object, Object> entries = readPairs(v, at, keyType, valueType,
                    "a Dictionary[" + keyType.describe() + ", " + valueType.describe() + "]");
            try {
                return new TypedDictionary(keyType, valueType, entries);
            } catch (IllegalArgumentException e) {
                throw bad(where + ".of", e.getMessage());
            }
        }
        return readBody(type, v, at);
    }

    private static ContainerType containerType(String name, String where) {
        if (name.equals("Variant")) {
            return ContainerType.ANY;
        }
        VariantType t = VariantType.ofGodotName(name);
        if (t != null) {
            try {
                return ContainerType.of(t);
            } catch (IllegalArgumentException e) {
                throw bad(where, e.getMessage());
            }
        }
        return name.startsWith("res://") ? new ContainerType.Script(name) : new ContainerType.ClassName(name);
    }

    private static List<Object> readList(JsonNode v, String where) {
        return readList(v, where, ContainerType.ANY, "an Array");
    }

    private static List<Object> readList(JsonNode v, String where, ContainerType type, String container) {
        JsonNode a = array(v, where, -1);
        List<Object> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(typed(read(a.get(i), where + "[" + i + "]"), type, container, where + "[" + i + "]"));
        }
        return out;
    }

    private static Map<Object, Object> readPairs(JsonNode v, String where) {
        return readPairs(v, where, ContainerType.ANY, ContainerType.ANY, "a Dictionary");
    }

    private static Map<Object, Object> readPairs(JsonNode v, String where, ContainerType keyType,
            ContainerType valueType, String container) {
        JsonNode a = array(v, where, -1);
        Map<Object, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < a.size(); i++) {
            String at = where + "[" + i + "]";
            JsonNode pair = array(a.get(i), at, 2);
            Object key = typed(read(pair.get(0), at + "[0]"), keyType, container, at + "[0]");
            out.put(key, typed(read(pair.get(1), at + "[1]"), valueType, container, at + "[1]"));
        }
        return out;
    }

    /** {@code value}, when {@code container}, whose elements (or keys, or values) are {@code type}, may hold it. */
    private static Object typed(Object value, ContainerType type, String container, String where) {
        if (!type.admits(value)) {
            throw bad(where, Variants.describeType(value) + " is not allowed in " + container);
        }
        return value;
    }

    private static JsonNode array(JsonNode v, String where, int size) {
        if (v == null || !v.isArray() || size >= 0 && v.size() != size) {
            throw bad(where, size >= 0 ? "expected an array of " + size : "expected an array");
        }
        return v;
    }

    private static JsonNode field(JsonNode v, String name, String where) {
        if (v == null || !v.isObject() || !v.has(name)) {
            throw bad(where, "expected an object with \"" + name + "\"");
        }
        return v.get(name);
    }

    private static double real(JsonNode v, String where) {
        if (v != null && v.isNumber()) {
            return v.asDouble();
        }
        if (v != null && v.isTextual()) {
            switch (v.asText()) {
                case "NaN", "nan":
                    return Double.NaN;
                case "Infinity", "inf":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity", "-inf", "inf_neg":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw bad(where, "expected a number");
    }

    private static long integer(JsonNode v, String where) {
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw bad(where, "expected an integer");
        }
        return v.asLong();
    }

    private static int int32(JsonNode v, String where) {
        long x = integer(v, where);
        if (x != (int) x) {
            throw bad(where, x + " does not fit 32 bits");
        }
        return (int) x;
    }

    private static String text(JsonNode v, String where) {
        if (v == null || !v.isTextual()) {
            throw bad(where, "expected a string");
        }
        return v.asText();
    }

    private static double[] reals(JsonNode v, String where, int n) {
        JsonNode a = array(v, where, n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = real(a.get(i), where + "[" + i + "]");
        }
        return out;
    }

    private static int[] int32s(JsonNode v, String where, int n) {
        JsonNode a = array(v, where, n);
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = int32(a.get(i), where + "[" + i + "]");
        }
        return out;
    }

    private static Vector2 vector2(JsonNode v, String where) {
        double[] d = reals(v, where, 2);
        return new Vector2(d[0], d[1]);
    }

    private static Vector3 vector3(JsonNode v, String where) {
        double[] d = reals(v, where, 3);
        return new Vector3(d[0], d[1], d[2]);
    }

    private static Vector4 vector4(JsonNode v, String where) {
        double[] d = reals(v, where, 4);
        return new Vector4(d[0], d[1], d[2], d[3]);
    }

    private static Color color(JsonNode v, String where) {
        double[] d = reals(v, where, 4);
        return new Color(d[0], d[1], d[2], d[3]);
    }

    private static Basis basisRows(JsonNode v, String where) {
        JsonNode a = array(v, where, 3);
        return new Basis(vector3(a.get(0), where + "[0]"), vector3(a.get(1), where + "[1]"),
                vector3(a.get(2), where + "[2]"));
    }

    private static Object readBody(VariantType type, JsonNode v, String where) {
        switch (type) {
            case NIL:
                if (!v.isNull()) {
                    throw bad(where, "Nil has the value null");
                }
                return null;
            case BOOL:
                if (!v.isBoolean()) {
                    throw bad(where, "expected true or false");
                }
                return v.asBoolean();
            case INT:
                return integer(v, where);
            case FLOAT:
                return real(v, where);
            case STRING:
                return text(v, where);
            case VECTOR2:
                return vector2(v, where);
            case VECTOR2I: {
                int[] i = int32s(v, where, 2);
                return new Vector2i(i[0], i[1]);
            }
            case RECT2:
                return new Rect2(vector2(field(v, "position", where), where + ".position"),
                        vector2(field(v, "size", where), where + ".size"));
            case RECT2I: {
                int[] p = int32s(field(v, "position", where), where + ".position", 2);
                int[] s = int32s(field(v, "size", where), where + ".size", 2);
                return new Rect2i(new Vector2i(p[0], p[1]), new Vector2i(s[0], s[1]));
            }
            case VECTOR3:
                return vector3(v, where);
            case VECTOR3I: {
                int[] i = int32s(v, where, 3);
                return new Vector3i(i[0], i[1], i[2]);
            }
            case TRANSFORM2D:
                return new Transform2D(vector2(field(v, "x", where), where + ".x"),
                        vector2(field(v, "y", where), where + ".y"),
                        vector2(field(v, "origin", where), where + ".origin"));
            case VECTOR4:
                return vector4(v, where);
            case VECTOR4I: {
                int[] i = int32s(v, where, 4);
                return new Vector4i(i[0], i[1], i[2], i[3]);
            }
            case PLANE:
                return new Plane(vector3(field(v, "normal", where), where + ".normal"),
                        real(field(v, "d", where), where + ".d"));
            case QUATERNION: {
                double[] d = reals(v, where, 4);
                return new Quaternion(d[0], d[1], d[2], d[3]);
            }
            case AABB:
                return new AABB(vector3(field(v, "position", where), where + ".position"),
                        vector3(field(v, "size", where), where + ".size"));
            case BASIS:
                return basisRows(field(v, "rows", where), where + ".rows");
            case TRANSFORM3D:
                return new Transform3D(basisRows(field(v, "basis_rows", where), where + ".basis_rows"),
                        vector3(field(v, "origin", where), where + ".origin"));
            case PROJECTION: {
                JsonNode c = array(field(v, "columns", where), where + ".columns", 4);
                return new Projection(vector4(c.get(0), where + ".columns[0]"), vector4(c.get(1), where + ".columns[1]"),
                        vector4(c.get(2), where + ".columns[2]"), vector4(c.get(3), where + ".columns[3]"));
            }
            case COLOR:
                return color(v, where);
            case STRING_NAME:
                return new StringName(text(v, where));
            case NODE_PATH:
                return NodePath.parse(text(v, where));
            case RID:
                return new Rid(integer(v, where));
            case OBJECT:
                if (v.isNull()) {
                    return null;
                }
                long id = integer(field(v, "id", where), where + ".id");
                try {
                    return new ObjectId(id);
                } catch (IllegalArgumentException e) {
                    throw bad(where + ".id", e.getMessage());
                }
            case CALLABLE:
                return Callable.EMPTY;
            case SIGNAL:
                return new Signal(text(field(v, "name", where), where + ".name"),
                        integer(field(v, "object", where), where + ".object"));
            case DICTIONARY:
                return readPairs(v, where);
            case ARRAY:
                return readList(v, where);
            case PACKED_BYTE_ARRAY: {
                JsonNode a = array(v, where, -1);
                byte[] out = new byte[a.size()];
                for (int i = 0; i < out.length; i++) {
                    long b = integer(a.get(i), where + "[" + i + "]");
                    if (b < 0 || b > 255) {
                        throw bad(where + "[" + i + "]", "a byte is 0..255, not " + b);
                    }
                    out[i] = (byte) b;
                }
                return out;
            }
            case PACKED_INT32_ARRAY:
                return new PackedInt32Array(int32s(v, where, array(v, where, -1).size()));
            case PACKED_INT64_ARRAY: {
                JsonNode a = array(v, where, -1);
                long[] out = new long[a.size()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = integer(a.get(i), where + "[" + i + "]");
                }
                return new PackedInt64Array(out);
            }
            case PACKED_FLOAT32_ARRAY: {
                double[] d = reals(v, where, array(v, where, -1).size());
                float[] out = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    out[i] = (float) d[i];
                }
                return new PackedFloat32Array(out);
            }
            case PACKED_FLOAT64_ARRAY:
                return new PackedFloat64Array(reals(v, where, array(v, where, -1).size()));
            case PACKED_STRING_ARRAY: {
                JsonNode a = array(v, where, -1);
                List<String> out = new ArrayList<>(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.add(text(a.get(i), where + "[" + i + "]"));
                }
                return new PackedStringArray(out);
            }
            case PACKED_VECTOR2_ARRAY: {
                JsonNode a = array(v, where, -1);
                List<Vector2> out = new ArrayList<>(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.add(vector2(a.get(i), where + "[" + i + "]"));
                }
                return new PackedVector2Array(out);
            }
            case PACKED_VECTOR3_ARRAY: {
                JsonNode a = array(v, where, -1);
                List<Vector3> out = new ArrayList<>(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.add(vector3(a.get(i), where + "[" + i + "]"));
                }
                return new PackedVector3Array(out);
            }
            case PACKED_COLOR_ARRAY: {
                JsonNode a = array(v, where, -1);
                List<Color> out = new ArrayList<>(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.add(color(a.get(i), where + "[" + i + "]"));
                }
                return new PackedColorArray(out);
            }
            case PACKED_VECTOR4_ARRAY: {
                JsonNode a = array(v, where, -1);
                List<Vector4> out = new ArrayList<>(a.size());
                for (int i = 0; i < a.size(); i++) {
                    out.add(vector4(a.get(i), where + "[" + i + "]"));
                }
                return new PackedVector4Array(out);
            }
            default:
                throw bad(where, "unhandled type " + type);
        }
    }
}
