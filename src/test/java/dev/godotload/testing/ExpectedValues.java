package dev.godotload.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.godotload.wire.variant.Basis;
import dev.godotload.wire.variant.Color;
import dev.godotload.wire.variant.ContainerType;
import dev.godotload.wire.variant.PackedInt32Array;
import dev.godotload.wire.variant.Transform3D;
import dev.godotload.wire.variant.TypedArray;
import dev.godotload.wire.variant.TypedDictionary;
import dev.godotload.wire.variant.VariantType;
import dev.godotload.wire.variant.Vector2;
import dev.godotload.wire.variant.Vector2i;
import dev.godotload.wire.variant.Vector3;
import dev.godotload.wire.variant.Vector3i;

/**
 * Turns the values the capture files write down (structured JSON with type tags, or Python
 * {@code repr()} text read by {@link PyLiteral}) into the Java Variant values the codecs produce,
 * and compares such values type-strictly, independently of the main code's {@code Variants.deepEquals}.
 *
 * <p>A {@link PyLiteral.TruncatedList} / {@link PyLiteral.TruncatedDict} expected value (a repr cut
 * off in the capture) matches an actual container that starts with the same elements.
 */
public final class ExpectedValues {
    private ExpectedValues() {
    }

    // ------------------------------------------------------------------ JSON

    /**
     * The value a structured-JSON capture field stands for: JSON ints → Long, floats → Double,
     * arrays → List, and the tagged objects {@code {"Dictionary": [[k, v], ...]}},
     * {@code {"PackedInt32Array": [...]}}, {@code {"TypedArray": [...], "elem": [kind, type]}},
     * {@code {"TypedDict": [[k, v]], "key": [kind, type], "value": [kind, type]}},
     * {@code {"bytes": "hex"}}, {@code {"Transform3D": [12 floats]}}, {@code {"Vector2i": [x, y]}}.
     */
    public static Object fromJson(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isIntegralNumber()) {
            if (!n.canConvertToLong()) {
                throw new IllegalArgumentException("integer beyond 64 bits: " + n);
            }
            return n.longValue();
        }
        if (n.isFloatingPointNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        if (n.isArray()) {
            List<Object> list = new ArrayList<>();
            n.forEach(e -> list.add(fromJson(e)));
            return list;
        }
        List<String> keys = new ArrayList<>();
        n.fieldNames().forEachRemaining(keys::add);
        if (keys.equals(List.of("Dictionary"))) {
            return pairs(n.get("Dictionary"));
        }
        if (keys.equals(List.of("PackedInt32Array"))) {
            return new PackedInt32Array(ints(n.get("PackedInt32Array")));
        }
        if (keys.equals(List.of("bytes"))) {
            return GoldenData.hex(n.get("bytes").textValue());
        }
        if (keys.equals(List.of("Transform3D"))) {
            return transform3d(doubles(n.get("Transform3D")));
        }
        if (keys.equals(List.of("Vector2i"))) {
            int[] v = ints(n.get("Vector2i"));
            assertThat(v).hasSize(2);
            return new Vector2i(v[0], v[1]);
        }
        if (keys.contains("TypedArray")) {
            assertThat(keys).containsExactlyInAnyOrder("TypedArray", "elem");
            List<Object> elements = new ArrayList<>();
            n.get("TypedArray").forEach(e -> elements.add(fromJson(e)));
            return new TypedArray(containerType(ints(n.get("elem"))), elements);
        }
        if (keys.contains("TypedDict")) {
            assertThat(keys).containsExactlyInAnyOrder("TypedDict", "key", "value");
            return new TypedDictionary(containerType(ints(n.get("key"))), containerType(ints(n.get("value"))),
                    pairs(n.get("TypedDict")));
        }
        throw new IllegalArgumentException("unknown tagged JSON value " + n);
    }

    private static LinkedHashMap<Object, Object> pairs(JsonNode pairs) {
        LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
        for (JsonNode pair : pairs) {
            assertThat(pair.size()).as("a [key, value] pair: %s", pair).isEqualTo(2);
            Object key = fromJson(pair.get(0));
            assertThat(map).as("duplicate key %s", key).doesNotContainKey(key);
            map.put(key, fromJson(pair.get(1)));
        }
        return map;
    }

    private static int[] ints(JsonNode array) {
        int[] v = new int[array.size()];
        for (int i = 0; i < v.length; i++) {
            assertThat(array.get(i).canConvertToInt()).as("an int: %s", array.get(i)).isTrue();
            v[i] = array.get(i).intValue();
        }
        return v;
    }

    private static double[] doubles(JsonNode array) {
        double[] v = new double[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = array.get(i).doubleValue();
        }
        return v;
    }

    /** {@code [kind, type]}: kind 1 = builtin Variant type id. */
    private static ContainerType containerType(int[] kindAndType) {
        assertThat(kindAndType).hasSize(2);
        if (kindAndType[0] != 1) {
            throw new IllegalArgumentException("only builtin container types are mapped, got kind " + kindAndType[0]);
        }
        VariantType t = VariantType.ofId(kindAndType[1]);
        assertThat(t).as("Variant type id %d", kindAndType[1]).isNotNull();
        return ContainerType.of(t);
    }

    /** Godot 4 Transform3D as the captures list it: 9 basis floats row by row, then the origin. */
    public static Transform3D transform3d(double[] f) {
        assertThat(f).as("Transform3D floats").hasSize(12);
        return new Transform3D(new Basis(new Vector3(f[0], f[1], f[2]), new Vector3(f[3], f[4], f[5]),
                new Vector3(f[6], f[7], f[8])), new Vector3(f[9], f[10], f[11]));
    }

    // ------------------------------------------------------------------ Python repr

    /**
     * The value a {@link PyLiteral} result stands for: dict → LinkedHashMap, list → List, tuple →
     * List, int → Long, float → Double, bytes → byte[], and the constructor calls
     * {@code PackedInt32Array([...])}, {@code Transform3D(12 floats)}, {@code Vector2(x, y)},
     * {@code Vector3(x, y, z)}, {@code Vector2i(x, y)}, {@code Vector3i(x, y, z)}, {@code Color(r, g, b, a)}.
     * Truncated containers stay truncated.
     */
    public static Object fromPython(Object v) {
        if (v == null || v instanceof Boolean || v instanceof Long || v instanceof Double || v instanceof String
                || v instanceof byte[]) {
            return v;
        }
        if (v instanceof BigInteger b) {
            throw new IllegalArgumentException("integer beyond 64 bits: " + b);
        }
        if (v instanceof PyLiteral.TruncatedList list) {
            PyLiteral.TruncatedList out = new PyLiteral.TruncatedList();
            list.forEach(e -> out.add(fromPython(e)));
            return out;
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(fromPython(e)));
            return out;
        }
        if (v instanceof PyLiteral.Tuple t) {
            return fromPython(t.items());
        }
        if (v instanceof Map<?, ?> map) {
            LinkedHashMap<Object, Object> out = map instanceof PyLiteral.TruncatedDict
                    ? new PyLiteral.TruncatedDict() : new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(fromPython(k), fromPython(x)));
            return out;
        }
        if (v instanceof PyLiteral.Call c) {
            return call(c);
        }
        throw new IllegalArgumentException("no Variant for Python value " + v);
    }

    private static Object call(PyLiteral.Call c) {
        List<Object> a = c.args();
        switch (c.name()) {
            case "PackedInt32Array": {
                assertThat(a).hasSize(1);
                List<?> items = (List<?>) a.get(0);
                return new PackedInt32Array(items.stream().mapToInt(x -> Math.toIntExact((Long) x)).toArray());
            }
            case "Transform3D":
                return transform3d(numbers(a, 12));
            case "Vector2": {
                double[] f = numbers(a, 2);
                return new Vector2(f[0], f[1]);
            }
            case "Vector3": {
                double[] f = numbers(a, 3);
                return new Vector3(f[0], f[1], f[2]);
            }
            case "Vector2i": {
                double[] f = numbers(a, 2);
                return new Vector2i((int) f[0], (int) f[1]);
            }
            case "Vector3i": {
                double[] f = numbers(a, 3);
                return new Vector3i((int) f[0], (int) f[1], (int) f[2]);
            }
            case "Color": {
                double[] f = numbers(a, 4);
                return new Color(f[0], f[1], f[2], f[3]);
            }
            default:
                throw new IllegalArgumentException("no Variant mapping for " + c.name() + "(...)");
        }
    }

    private static double[] numbers(List<Object> a, int n) {
        assertThat(a).as("constructor arguments").hasSize(n);
        return a.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }

    // ------------------------------------------------------------------ comparison

    /**
     * Asserts that {@code actual} (a decoded Java Variant value) is {@code expected}, by type and
     * value: Long is not Double, a List is not a TypedArray, Dictionary order counts, doubles compare
     * bit for bit. {@code where} names the place for the failure message.
     */
    public static void assertVariant(String where, Object expected, Object actual) {
        if (expected == null) {
            assertThat(actual).as(where).isNull();
            return;
        }
        assertThat(actual).as(where).isNotNull();
        if (expected instanceof PyLiteral.TruncatedList e) {
            assertThat(actual).as(where + " (list cut off in the capture)").isInstanceOf(List.class);
            List<?> a = (List<?>) actual;
            assertThat(a.size()).as(where + " size (capture cut off after %d elements)", e.size())
                    .isGreaterThanOrEqualTo(e.size());
            for (int i = 0; i < e.size(); i++) {
                assertVariant(where + "[" + i + "]", e.get(i), a.get(i));
            }
            return;
        }
        if (expected instanceof PyLiteral.TruncatedDict e) {
            assertThat(actual).as(where + " (dict cut off in the capture)").isInstanceOf(Map.class);
            Map<?, ?> a = (Map<?, ?>) actual;
            assertThat(a.size()).as(where + " size (capture cut off after %d entries)", e.size())
                    .isGreaterThanOrEqualTo(e.size());
            assertEntries(where, e, a, e.size());
            return;
        }
        if (expected instanceof List<?> e) {
            assertThat(actual).as(where + " is an untyped Array").isInstanceOf(List.class);
            List<?> a = (List<?>) actual;
            assertThat(a).as(where + " size").hasSize(e.size());
            for (int i = 0; i < e.size(); i++) {
                assertVariant(where + "[" + i + "]", e.get(i), a.get(i));
            }
            return;
        }
        if (expected instanceof Map<?, ?> e) {
            assertThat(actual).as(where + " is an untyped Dictionary").isInstanceOf(Map.class);
            Map<?, ?> a = (Map<?, ?>) actual;
            assertThat(a).as(where + " size").hasSize(e.size());
            assertEntries(where, e, a, e.size());
            return;
        }
        if (expected instanceof TypedArray e) {
            assertThat(actual).as(where).isInstanceOf(TypedArray.class);
            TypedArray a = (TypedArray) actual;
            assertThat(a.elementType()).as(where + " element type").isEqualTo(e.elementType());
            assertVariant(where + " elements", e.elements(), a.elements());
            return;
        }
        if (expected instanceof TypedDictionary e) {
            assertThat(actual).as(where).isInstanceOf(TypedDictionary.class);
            TypedDictionary a = (TypedDictionary) actual;
            assertThat(a.keyType()).as(where + " key type").isEqualTo(e.keyType());
            assertThat(a.valueType()).as(where + " value type").isEqualTo(e.valueType());
            assertVariant(where + " entries", new LinkedHashMap<>(e.entries()), a.entries());
            return;
        }
        if (expected instanceof byte[] e) {
            assertThat(actual).as(where).isInstanceOf(byte[].class);
            assertThat(GoldenData.hex((byte[]) actual)).as(where).isEqualTo(GoldenData.hex(e));
            return;
        }
        assertThat(actual.getClass()).as(where + " type").isEqualTo(expected.getClass());
        assertThat(actual).as(where).isEqualTo(expected);
    }

    private static void assertEntries(String where, Map<?, ?> expected, Map<?, ?> actual, int n) {
        Iterator<? extends Map.Entry<?, ?>> ie = expected.entrySet().iterator();
        Iterator<? extends Map.Entry<?, ?>> ia = actual.entrySet().iterator();
        for (int i = 0; i < n; i++) {
            Map.Entry<?, ?> e = ie.next();
            Map.Entry<?, ?> a = ia.next();
            assertVariant(where + " key #" + i, e.getKey(), a.getKey());
            assertVariant(where + "[" + e.getKey() + "]", e.getValue(), a.getValue());
        }
    }

    /** Number of leaf values and containers in {@code v}, to show a comparison was not vacuous. */
    public static int size(Object v) {
        if (v instanceof List<?> l) {
            return 1 + l.stream().mapToInt(ExpectedValues::size).sum();
        }
        if (v instanceof Map<?, ?> m) {
            return 1 + m.entrySet().stream().mapToInt(e -> size(e.getKey()) + size(e.getValue())).sum();
        }
        if (v instanceof TypedArray t) {
            return size(t.elements());
        }
        if (v instanceof TypedDictionary t) {
            return size(t.entries());
        }
        return 1;
    }
}
