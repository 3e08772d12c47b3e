package dev.godotload.wire.variant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.godotload.testing.GoldenData;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireEncodingException;
import dev.godotload.wire.WireFormatException;

/**
 * {@link Godot3Variants} against the Variant encodings of {@code docs/protocol/godot3.md} §6
 * and §7 (bytes captured from Godot 3.2.3), both directions; Godot 3's own type ids; and the
 * types Godot 3 does not have, which it refuses to encode.
 */
class Godot3VariantsTest {
    private static final Godot3Variants CODEC = Godot3Variants.INSTANCE;

    private static Map<Object, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** (name, Java value, Godot 3 bytes as the document shows them). */
    static Stream<Arguments> documented() {
        return Stream.of(
                // §6: 32 bits when nothing is lost, else the 64-bit flag
                Arguments.of("§6 1.5", 1.5, "03000000 0000c03f"),
                Arguments.of("§6 0.1", 0.1, "03000100 9a9999999999b93f"),
                Arguments.of("§6 5000000000", 5_000_000_000L, "02000100 00f2052a01000000"),
                // §7 V6: INT B
                Arguments.of("§7 V6 int B", 198_326_032L, "02000000 1037d20b"),
                // §7 V5: a 12-byte String needs no padding
                Arguments.of("§7 V5 String 'hello from B'", "hello from B",
                        "04000000 0c000000 68656c6c6f2066726f6d2042"),
                // §7 V9: REMOTE_SET value
                Arguments.of("§7 V9 String 'bob'", "bob", "04000000 03000000 626f6200"),
                // §7 V10
                Arguments.of("§7 V10 String 'hi all'", "hi all", "04000000 06000000 686920616c6c0000"),
                // §7 (Python stand-in): a 17-byte string pads to 20
                Arguments.of("§7 17-byte String pads to 20", "hello from python",
                        "04000000 11000000 68656c6c6f2066726f6d20707974686f6e 000000"),
                // §7 V7: Array [101, 102, 103] (type 19)
                Arguments.of("§7 V7 Array", List.of(101L, 102L, 103L),
                        "13000000 03000000 | 02000000 65000000 | 02000000 66000000 | 02000000 67000000"),
                // §7 V8: Dictionary (type 18), insertion order, with an Array, a Vector2 (type 5),
                // bool, an f64 float and a 64-bit int inside
                Arguments.of("§7 V8 Dictionary",
                        map("ids", List.of(7L, 8L), "name", "plank", "pos", new Vector2(1.5, -2), "solid", true,
                                "mass", 0.1, "big", 5_000_000_000L),
                        """
                        12000000 06000000
                        04000000 03000000 69647300 | 13000000 02000000 02000000 07000000 02000000 08000000
                        04000000 04000000 6e616d65 | 04000000 05000000 706c616e6b000000
                        04000000 03000000 706f7300 | 05000000 0000c03f 000000c0
                        04000000 05000000 736f6c6964000000 | 01000000 01000000
                        04000000 04000000 6d617373 | 03000100 9a9999999999b93f
                        04000000 03000000 62696700 | 02000100 00f2052a01000000
                        """));
    }

    private static byte[] hex(String documented) {
        return GoldenData.hex(documented.replace("|", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documented")
    void encodesAsDocumented(String name, Object value, String bytes) {
        assertThat(GoldenData.hex(CODEC.encode(value))).as(name).isEqualTo(GoldenData.hex(hex(bytes)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documented")
    void decodesAsDocumented(String name, Object value, String bytes) {
        Object decoded = CODEC.decode(hex(bytes));
        assertThat(Variants.deepEquals(value, decoded)).as("%s: expected %s, got %s", name, value, decoded).isTrue();
    }

    @Test
    void theV8DictionaryIsTheCapturedRpcArgument() {
        // The same bytes as they sit in the captured REMOTE_CALL (vectors.json, glue_props(DICTIONARY)),
        // after the 9-byte peer header and "00 01000000 glue_props\0 01".
        String payload = "001037d20b010000000001000000676c75655f70726f7073000112000000060000000400000003000000"
                + "6964730013000000020000000200000007000000020000000800000004000000040000006e616d650400000005000000"
                + "706c616e6b0000000400000003000000706f7300050000000000c03f000000c00400000005000000736f6c696400"
                + "0000010000000100000004000000040000006d617373030001009a9999999999b93f0400000003000000626967000200"
                + "010000f2052a01000000";
        byte[] all = GoldenData.hex(payload);
        int argStart = 9 + 1 + 4 + "glue_props".length() + 1 + 1;
        byte[] arg = java.util.Arrays.copyOfRange(all, argStart, all.length);
        String v8 = (String) documented().filter(a -> a.get()[0].equals("§7 V8 Dictionary")).findFirst().orElseThrow()
                .get()[2];
        assertThat(GoldenData.hex(arg)).isEqualTo(GoldenData.hex(hex(v8)));
    }

    @Test
    void godot3TypeIdsAreItsOwn() {
        // §6 table: 7 Vector3, 18 Dictionary, 19 Array, 21 PoolIntArray ... (Godot 4: 9, 27, 28, 30).
        assertThat(Godot3Variants.godot3Id(VariantType.NIL)).isZero();
        assertThat(Godot3Variants.godot3Id(VariantType.VECTOR2)).isEqualTo(5);
        assertThat(Godot3Variants.godot3Id(VariantType.RECT2)).isEqualTo(6);
        assertThat(Godot3Variants.godot3Id(VariantType.VECTOR3)).isEqualTo(7);
        assertThat(Godot3Variants.godot3Id(VariantType.TRANSFORM2D)).isEqualTo(8);
        assertThat(Godot3Variants.godot3Id(VariantType.QUATERNION)).isEqualTo(10);
        assertThat(Godot3Variants.godot3Id(VariantType.TRANSFORM3D)).isEqualTo(13);
        assertThat(Godot3Variants.godot3Id(VariantType.COLOR)).isEqualTo(14);
        assertThat(Godot3Variants.godot3Id(VariantType.NODE_PATH)).isEqualTo(15);
        assertThat(Godot3Variants.godot3Id(VariantType.RID)).isEqualTo(16);
        assertThat(Godot3Variants.godot3Id(VariantType.OBJECT)).isEqualTo(17);
        assertThat(Godot3Variants.godot3Id(VariantType.DICTIONARY)).isEqualTo(18);
        assertThat(Godot3Variants.godot3Id(VariantType.ARRAY)).isEqualTo(19);
        assertThat(Godot3Variants.godot3Id(VariantType.PACKED_BYTE_ARRAY)).isEqualTo(20);
        assertThat(Godot3Variants.godot3Id(VariantType.PACKED_INT32_ARRAY)).isEqualTo(21);
        assertThat(Godot3Variants.godot3Id(VariantType.PACKED_FLOAT32_ARRAY)).isEqualTo(22);
        assertThat(Godot3Variants.godot3Id(VariantType.PACKED_STRING_ARRAY)).isEqualTo(23);
        assertThat(Godot3Variants.godot3Id(VariantType.PACKED_COLOR_ARRAY)).isEqualTo(26);
        // Types Godot 3 lacks.
        for (VariantType t : List.of(VariantType.VECTOR2I, VariantType.RECT2I, VariantType.VECTOR3I,
                VariantType.VECTOR4, VariantType.VECTOR4I, VariantType.PROJECTION, VariantType.STRING_NAME,
                VariantType.CALLABLE, VariantType.SIGNAL, VariantType.PACKED_INT64_ARRAY,
                VariantType.PACKED_FLOAT64_ARRAY, VariantType.PACKED_VECTOR4_ARRAY)) {
            assertThat(Godot3Variants.godot3Id(t)).as("%s", t).isEqualTo(-1);
        }
    }

    static Stream<Arguments> idsOnTheWire() {
        return Stream.of(
                Arguments.of(new Vector3(1, 2, 3), "07000000 0000803f 00000040 00004040"),
                Arguments.of(new Rect2(new Vector2(1, 2), new Vector2(3, 4)), "06000000 0000803f 00000040 00004040 00008040"),
                Arguments.of(new Quaternion(0, 0, 0, 1), "0a000000 00000000 00000000 00000000 0000803f"),
                Arguments.of(new Transform3D(Basis.IDENTITY, new Vector3(10, 20, 30)),
                        "0d000000 0000803f 00000000 00000000 00000000 0000803f 00000000 00000000 00000000 0000803f"
                                + " 00002041 0000a041 0000f041"),
                Arguments.of(new Color(1, 0, 0, 1), "0e000000 0000803f 00000000 00000000 0000803f"),
                Arguments.of(NodePath.parse("/root/Main"),
                        "0f000000 02000080 00000000 01000000 04000000 726f6f74 04000000 4d61696e"),
                Arguments.of(new Rid(0), "10000000"),
                Arguments.of(new ObjectId(0x1234), "11000100 3412000000000000"),
                Arguments.of(map("a", 1L), "12000000 01000000 04000000 01000000 61000000 02000000 01000000"),
                Arguments.of(new byte[] {1, 2, 3}, "14000000 03000000 01020300"),
                Arguments.of(PackedInt32Array.of(1, -1), "15000000 02000000 01000000 ffffffff"),
                Arguments.of(PackedFloat32Array.of(0.5f), "16000000 01000000 0000003f"),
                Arguments.of(PackedStringArray.of("ab"), "17000000 01000000 03000000 61620000"),
                Arguments.of(PackedVector2Array.of(new Vector2(1, 2)), "18000000 01000000 0000803f 00000040"),
                Arguments.of(PackedVector3Array.of(new Vector3(1, 2, 3)), "19000000 01000000 0000803f 00000040 00004040"),
                Arguments.of(PackedColorArray.of(new Color(0, 0, 1, 0.5)),
                        "1a000000 01000000 00000000 00000000 0000803f 0000003f"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("idsOnTheWire")
    void typesTravelUnderGodot3Ids(Object value, String bytes) {
        assertThat(GoldenData.hex(CODEC.encode(value))).isEqualTo(GoldenData.hex(GoldenData.hex(bytes)));
        assertThat(Variants.deepEquals(value, CODEC.decode(GoldenData.hex(bytes)))).as("decodes back").isTrue();
    }

    @Test
    void aGodot4IdMeansSomethingElseInGodot3() {
        // Godot 4's Vector3 (9) is Godot 3's Plane; Godot 4's Dictionary (27) is past Godot 3's last id (26).
        assertThat(CODEC.decode(GoldenData.hex("09000000 0000803f 00000040 00004040 00008040")))
                .isEqualTo(new Plane(new Vector3(1, 2, 3), 4));
        assertThatThrownBy(() -> CODEC.decode(GoldenData.hex("1b000000 00000000")))
                .isInstanceOf(WireFormatException.class);
        // And the same value has different bytes in the two codecs.
        assertThat(GoldenData.hex(Godot4Variants.of(GodotVersion.GODOT_4_4).encode(new Vector3(1, 2, 3))))
                .startsWith("09000000");
        assertThat(GoldenData.hex(CODEC.encode(List.of()))).isEqualTo("1300000000000000");
        assertThat(VariantCodec.of(GodotVersion.GODOT_3)).isSameAs(CODEC);
    }

    @Test
    void typedContainersTravelUntyped() {
        assertThat(GoldenData.hex(CODEC.encode(TypedArray.of(VariantType.INT, 1L))))
                .isEqualTo("13000000" + "01000000" + "02000000" + "01000000");
        TypedDictionary d = new TypedDictionary(ContainerType.of(VariantType.STRING), ContainerType.of(VariantType.INT),
                map("a", 1L));
        assertThat(GoldenData.hex(CODEC.encode(d))).isEqualTo(GoldenData.hex(CODEC.encode(map("a", 1L))));
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of(new Vector2i(1, 2)),
                Arguments.of(new StringName("hi")),
                Arguments.of(PackedInt64Array.of(1L)),
                Arguments.of(new Rid(5)),
                Arguments.of(new Vector3i(1, 2, 3)),
                Arguments.of(new Vector4(1, 2, 3, 4)),
                Arguments.of(PackedFloat64Array.of(0.5)),
                Arguments.of(Callable.EMPTY),
                Arguments.of(new Signal("s", 1)),
                // ... also inside a container
                Arguments.of(List.of(1L, new StringName("nested"))),
                Arguments.of(map("k", new Vector2i(0, 0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void typesGodot3LacksAreRefused(Object value) {
        assertThatThrownBy(() -> CODEC.encode(value)).isInstanceOf(WireEncodingException.class);
    }
}
