package dev.godotload.wire.variant;

/**
 * Godot 4's {@code Variant::Type} ids, named as Godot names them in GDScript and in the docs.
 * (Godot 3 numbers its types differently; its codec maps them onto these.)
 */
public enum VariantType {
    NIL("Nil"), BOOL("bool"), INT("int"), FLOAT("float"), STRING("String"),
    VECTOR2("Vector2"), VECTOR2I("Vector2i"), RECT2("Rect2"), RECT2I("Rect2i"),
    VECTOR3("Vector3"), VECTOR3I("Vector3i"), TRANSFORM2D("Transform2D"),
    VECTOR4("Vector4"), VECTOR4I("Vector4i"), PLANE("Plane"), QUATERNION("Quaternion"),
    AABB("AABB"), BASIS("Basis"), TRANSFORM3D("Transform3D"), PROJECTION("Projection"),
    COLOR("Color"), STRING_NAME("StringName"), NODE_PATH("NodePath"), RID("RID"),
    OBJECT("Object"), CALLABLE("Callable"), SIGNAL("Signal"), DICTIONARY("Dictionary"),
    ARRAY("Array"), PACKED_BYTE_ARRAY("PackedByteArray"), PACKED_INT32_ARRAY("PackedInt32Array"),
    PACKED_INT64_ARRAY("PackedInt64Array"), PACKED_FLOAT32_ARRAY("PackedFloat32Array"),
    PACKED_FLOAT64_ARRAY("PackedFloat64Array"), PACKED_STRING_ARRAY("PackedStringArray"),
    PACKED_VECTOR2_ARRAY("PackedVector2Array"), PACKED_VECTOR3_ARRAY("PackedVector3Array"),
    PACKED_COLOR_ARRAY("PackedColorArray"), PACKED_VECTOR4_ARRAY("PackedVector4Array");

    private static final VariantType[] BY_ID = values();
    private final String godotName;

    VariantType(String godotName) {
        this.godotName = godotName;
    }

    /** The Godot 4 type id (the low byte of a Variant header). */
    public int id() {
        return ordinal();
    }

    /** The name GDScript uses, e.g. {@code PackedInt32Array}. */
    public String godotName() {
        return godotName;
    }

    /** The type with Godot 4 id {@code id}, or null when there is none. */
    public static VariantType ofId(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }

    /** The type GDScript calls {@code name}, or null. */
    public static VariantType ofGodotName(String name) {
        for (VariantType t : BY_ID) {
            if (t.godotName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
