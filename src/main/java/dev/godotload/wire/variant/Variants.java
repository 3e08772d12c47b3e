package dev.godotload.wire.variant;

import dev.godotload.wire.WireEncodingException;
import java.util.List;
import java.util.Map;

/**
 * Which Godot Variant type a Java value stands for. The mapping, one Java type per Variant type:
 * null → Nil, Boolean → bool, Long → int, Double → float, String → String, byte[] →
 * PackedByteArray, {@link List} or {@link TypedArray} → Array, {@link Map} (insertion order, so a
 * LinkedHashMap) or {@link TypedDictionary} → Dictionary, and a record of this package for each
 * type Java lacks. Integer, Short, Byte and Float are accepted as int and float when encoding;
 * decoders always produce Long and Double.
 */
public final class Variants {
    private Variants() {
    }

    /** The Variant type of {@code value}. @throws WireEncodingException when no Variant holds it. */
    public static VariantType typeOf(Object value) {
        VariantType t = typeOrNull(value);
        if (t == null) {
            throw new WireEncodingException("no Godot Variant type for a Java " + value.getClass().getName()
                    + " (use Long, Double, String, List, LinkedHashMap, byte[] or a dev.godotload.wire.variant record)");
        }
        return t;
    }

    /** Like {@link #typeOf} but null for a Java type with no Variant. */
    static VariantType typeOrNull(Object value) {
        if (value == null) {
            return VariantType.NIL;
        }
        if (value instanceof Boolean) {
            return VariantType.BOOL;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return VariantType.INT;
        }
        if (value instanceof Double || value instanceof Float) {
            return VariantType.FLOAT;
        }
        if (value instanceof String) {
            return VariantType.STRING;
        }
        if (value instanceof List<?> || value instanceof TypedArray) {
            return VariantType.ARRAY;
        }
        if (value instanceof Map<?, ?> || value instanceof TypedDictionary) {
            return VariantType.DICTIONARY;
        }
        if (value instanceof byte[]) {
            return VariantType.PACKED_BYTE_ARRAY;
        }
        return recordType(value);
    }

    private static VariantType recordType(Object value) {
        if (value instanceof Vector2) {
            return VariantType.VECTOR2;
        } else if (value instanceof Vector2i) {
            return VariantType.VECTOR2I;
        } else if (value instanceof Rect2) {
            return VariantType.RECT2;
        } else if (value instanceof Rect2i) {
            return VariantType.RECT2I;
        } else if (value instanceof Vector3) {
            return VariantType.VECTOR3;
        } else if (value instanceof Vector3i) {
            return VariantType.VECTOR3I;
        } else if (value instanceof Transform2D) {
            return VariantType.TRANSFORM2D;
        } else if (value instanceof Vector4) {
            return VariantType.VECTOR4;
        } else if (value instanceof Vector4i) {
            return VariantType.VECTOR4I;
        } else if (value instanceof Plane) {
            return VariantType.PLANE;
        } else if (value instanceof Quaternion) {
            return VariantType.QUATERNION;
        } else if (value instanceof AABB) {
            return VariantType.AABB;
        } else if (value instanceof Basis) {
            return VariantType.BASIS;
        } else if (value instanceof Transform3D) {
            return VariantType.TRANSFORM3D;
        } else if (value instanceof Projection) {
            return VariantType.PROJECTION;
        } else if (value instanceof Color) {
            return VariantType.COLOR;
        } else if (value instanceof StringName) {
            return VariantType.STRING_NAME;
        } else if (value instanceof NodePath) {
            return VariantType.NODE_PATH;
        } else if (value instanceof Rid) {
            return VariantType.RID;
        } else if (value instanceof ObjectId) {
            return VariantType.OBJECT;
        } else if (value instanceof Callable) {
            return VariantType.CALLABLE;
        } else if (value instanceof Signal) {
            return VariantType.SIGNAL;
        } else if (value instanceof PackedInt32Array) {
            return VariantType.PACKED_INT32_ARRAY;
        } else if (value instanceof PackedInt64Array) {
            return VariantType.PACKED_INT64_ARRAY;
        } else if (value instanceof PackedFloat32Array) {
            return VariantType.PACKED_FLOAT32_ARRAY;
        } else if (value instanceof PackedFloat64Array) {
            return VariantType.PACKED_FLOAT64_ARRAY;
        } else if (value instanceof PackedStringArray) {
            return VariantType.PACKED_STRING_ARRAY;
        } else if (value instanceof PackedVector2Array) {
            return VariantType.PACKED_VECTOR2_ARRAY;
        } else if (value instanceof PackedVector3Array) {
            return VariantType.PACKED_VECTOR3_ARRAY;
        } else if (value instanceof PackedColorArray) {
            return VariantType.PACKED_COLOR_ARRAY;
        } else if (value instanceof PackedVector4Array) {
            return VariantType.PACKED_VECTOR4_ARRAY;
        }
        return null;
    }

    /**
     * Value equality of Variant values, looking into containers: byte arrays by content, Lists in
     * order, Dictionaries entry by entry in insertion order (Godot compares them that way for
     * wire purposes: two dictionaries with the same entries in another order encode differently).
     */
    public static boolean deepEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return java.util.Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEquals(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            var ix = x.entrySet().iterator();
            var iy = y.entrySet().iterator();
            while (ix.hasNext()) {
                var ex = ix.next();
                var ey = iy.next();
                if (!deepEquals(ex.getKey(), ey.getKey()) || !deepEquals(ex.getValue(), ey.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof TypedArray x && b instanceof TypedArray y) {
            return x.elementType().equals(y.elementType()) && deepEquals(x.elements(), y.elements());
        }
        if (a instanceof TypedDictionary x && b instanceof TypedDictionary y) {
            return x.keyType().equals(y.keyType()) && x.valueType().equals(y.valueType())
                    && deepEquals(x.entries(), y.entries());
        }
        return a.equals(b);
    }

    /** A hash consistent with {@link #deepEquals}. */
    public static int deepHashCode(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof byte[] b) {
            return java.util.Arrays.hashCode(b);
        }
        if (v instanceof List<?> list) {
            int h = 1;
            for (Object e : list) {
                h = 31 * h + deepHashCode(e);
            }
            return h;
        }
        if (v instanceof Map<?, ?> map) {
            int h = 7;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                h = 31 * h + (deepHashCode(e.getKey()) ^ deepHashCode(e.getValue()));
            }
            return h;
        }
        if (v instanceof TypedArray t) {
            return t.elementType().hashCode() * 31 + deepHashCode(t.elements());
        }
        if (v instanceof TypedDictionary t) {
            return (t.keyType().hashCode() * 31 + t.valueType().hashCode()) * 31 + deepHashCode(t.entries());
        }
        return v.hashCode();
    }

    /** A short description for error messages: the Godot type name, or the Java class when there is none. */
    public static String describeType(Object value) {
        VariantType t = typeOrNull(value);
        return t != null ? t.godotName() : "a Java " + value.getClass().getSimpleName();
    }
}
