package dev.godotload.wire.variant;

import static dev.godotload.wire.GodotVersion.GODOT_4_0;
import static dev.godotload.wire.GodotVersion.GODOT_4_3;
import static dev.godotload.wire.GodotVersion.GODOT_4_4;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.godotload.testing.GoldenData;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireFormatException;

/**
 * The {@code encode_variant} rows of the worked-examples table (§10.3) of
 * {@code docs/protocol/godot4.md} and the float edge cases of its §7.3, transcribed as Java
 * values and hex, checked in both directions for each Godot 4 version the row applies to.
 */
class Godot4SpecTableTest {
    private static final List<GodotVersion> ALL_4 = List.of(GODOT_4_0, GODOT_4_3, GODOT_4_4);

    /**
     * A row: {@code value} encodes to {@code hex} with each of {@code versions}, and {@code hex}
     * decodes to {@code decoded} (the same value, except where an older version sends a typed
     * container untyped and so it comes back untyped).
     */
    record Row(String name, Object value, String hex, Object decoded, List<GodotVersion> versions) {
        Row(String name, Object value, String hex) {
            this(name, value, hex, value, ALL_4);
        }

        @Override
        public String toString() {
            return name + " " + versions;
        }
    }

    private static Map<Object, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static final TypedArray ARRAY_OF_INT_1_2 = TypedArray.of(VariantType.INT, 1L, 2L);
    private static final TypedDictionary DICT_STRING_INT_A_1 = new TypedDictionary(
            ContainerType.of(VariantType.STRING), ContainerType.of(VariantType.INT), map("a", 1L));

    static final String TYPED_ARRAY_HEX =
            "1C 00 01 00 02 00 00 00 02 00 00 00 02 00 00 00 01 00 00 00 02 00 00 00 02 00 00 00";
    static final String UNTYPED_ARRAY_HEX =
            "1C 00 00 00 02 00 00 00 02 00 00 00 01 00 00 00 02 00 00 00 02 00 00 00";
    static final String TYPED_DICT_HEX = "1B 00 05 00 04 00 00 00 02 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00"
            + " 61 00 00 00 02 00 00 00 01 00 00 00";
    static final String UNTYPED_DICT_HEX =
            "1B 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00 02 00 00 00 01 00 00 00";

    /** §10.3, "Variants written by Godot 4.6". */
    static List<Row> table() {
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("int 42", 42L, "02 00 00 00 2A 00 00 00"));
        rows.add(new Row("int -1", -1L, "02 00 00 00 FF FF FF FF"));
        rows.add(new Row("int 2^40", 1L << 40, "02 00 01 00 00 00 00 00 00 01 00 00"));
        rows.add(new Row("float 1.5", 1.5, "03 00 00 00 00 00 C0 3F"));
        rows.add(new Row("float 0.1", 0.1, "03 00 01 00 9A 99 99 99 99 99 B9 3F"));
        rows.add(new Row("bool true", true, "01 00 00 00 01 00 00 00"));
        rows.add(new Row("String hi", "hi", "04 00 00 00 02 00 00 00 68 69 00 00"));
        rows.add(new Row("StringName hi", new StringName("hi"), "15 00 00 00 02 00 00 00 68 69 00 00"));
        rows.add(new Row("Vector3(1,2,3)", new Vector3(1, 2, 3), "09 00 00 00 00 00 80 3F 00 00 00 40 00 00 40 40"));
        rows.add(new Row("Color(1,0,0,1)", new Color(1, 0, 0, 1),
                "14 00 00 00 00 00 80 3F 00 00 00 00 00 00 00 00 00 00 80 3F"));
        rows.add(new Row("Transform3D(identity, origin (10,20,30))",
                new Transform3D(Basis.IDENTITY, new Vector3(10, 20, 30)),
                "12 00 00 00 00 00 80 3F 00 00 00 00 00 00 00 00 00 00 00 00 00 00 80 3F 00 00 00 00"
                        + " 00 00 00 00 00 00 00 00 00 00 80 3F 00 00 20 41 00 00 A0 41 00 00 F0 41"));
        rows.add(new Row("NodePath /root/Main", NodePath.parse("/root/Main"),
                "16 00 00 00 02 00 00 80 00 00 00 00 01 00 00 00 04 00 00 00 72 6F 6F 74 04 00 00 00 4D 61 69 6E"));
        rows.add(new Row("Dictionary {a: 1}", map("a", 1L), UNTYPED_DICT_HEX));
        rows.add(new Row("Array [1, x]", List.of(1L, "x"),
                "1C 00 00 00 02 00 00 00 02 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 78 00 00 00"));
        rows.add(new Row("Array[int] [1, 2] as sent by 4.3+", ARRAY_OF_INT_1_2, TYPED_ARRAY_HEX, ARRAY_OF_INT_1_2,
                List.of(GODOT_4_3, GODOT_4_4)));
        rows.add(new Row("Array[int] [1, 2] as sent by 4.2 (untyped)", ARRAY_OF_INT_1_2, UNTYPED_ARRAY_HEX,
                List.of(1L, 2L), List.of(GODOT_4_0)));
        rows.add(new Row("PackedByteArray [1,2,3]", new byte[] {1, 2, 3}, "1D 00 00 00 03 00 00 00 01 02 03 00"));
        rows.add(new Row("PackedStringArray [ab]", PackedStringArray.of("ab"),
                "22 00 00 00 01 00 00 00 03 00 00 00 61 62 00 00"));
        rows.add(new Row("Dictionary[String, int] {a: 1} as sent by 4.4+", DICT_STRING_INT_A_1, TYPED_DICT_HEX,
                DICT_STRING_INT_A_1, List.of(GODOT_4_4)));
        rows.add(new Row("Dictionary[String, int] {a: 1} as sent by 4.3 and older (untyped)", DICT_STRING_INT_A_1,
                UNTYPED_DICT_HEX, map("a", 1L), List.of(GODOT_4_0, GODOT_4_3)));
        rows.add(new Row("Object, null or freed", null, "00 00 00 00"));
        return rows;
    }

    /** §7.3 FLOAT: f32 exactly when {@code (double)(float)v == v}. */
    static List<Row> floatEdgeCases() {
        return List.of(
                new Row("NaN", Double.NaN, "03 00 01 00 00 00 00 00 00 00 F8 7F"),
                new Row("-0.0", -0.0, "03 00 00 00 00 00 00 80"),
                // f64 of 1e40 as the engine writes it (godot4-real float_1e40)
                new Row("1e40", 1e40, "03 00 01 00 A5 5C C3 F1 29 63 3D 48"),
                new Row("+inf", Double.POSITIVE_INFINITY, "03 00 00 00 00 00 80 7F"),
                new Row("-inf", Double.NEGATIVE_INFINITY, "03 00 00 00 00 00 80 FF"));
    }

    static Stream<Row> rows() {
        return Stream.concat(table().stream(), floatEdgeCases().stream());
    }

    @Test
    void theTableIsComplete() {
        assertThat(table()).hasSize(21);
        assertThat(floatEdgeCases()).hasSize(5);
        assertThat(GoldenData.hex(TYPED_ARRAY_HEX)).hasSize(28);
        assertThat(GoldenData.hex(UNTYPED_DICT_HEX)).hasSize(28);
        assertThat(GoldenData.hex(table().get(10).hex())).as("Transform3D").hasSize(52);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void encodes(Row row) {
        for (GodotVersion v : row.versions()) {
            assertThat(GoldenData.hex(Godot4Variants.of(v).encode(row.value())))
                    .as("%s encoded by %s", row.name(), v)
                    .isEqualTo(GoldenData.hex(GoldenData.hex(row.hex())));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decodes(Row row) {
        for (GodotVersion v : row.versions()) {
            Object decoded = Godot4Variants.of(v).decode(GoldenData.hex(row.hex()));
            assertThat(Variants.deepEquals(row.decoded(), decoded))
                    .as("%s decoded by %s: expected %s, got %s", row.name(), v, row.decoded(), decoded)
                    .isTrue();
            assertThat(Variants.typeOf(decoded)).as("%s decoded type", row.name()).isEqualTo(Variants.typeOf(row.decoded()));
        }
    }

    @Test
    void decodedFloatsKeepTheirSignAndSpecialValues() {
        Godot4Variants codec = Godot4Variants.of(GODOT_4_4);
                assertThat(Double.doubleToRawLongBits((Double) codec.decode(GoldenData.hex("03 00 00 00 00 00 00 80"))))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat((Double) codec.decode(GoldenData.hex("03 00 01 00 00 00 00 00 00 00 F8 7F"))).isNaN();
        assertThat((Double) codec.decode(GoldenData.hex("03 00 00 00 00 00 80 7F"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat((Double) codec.decode(GoldenData.hex("03 00 00 00 00 00 80 FF"))).isEqualTo(Double.NEGATIVE_INFINITY);
        // A float NaN and a Java Float are floats too, and travel the same way.
        assertThat(GoldenData.hex(codec.encode(Float.NaN))).isEqualTo("03000100000000000000f87f");
        assertThat(GoldenData.hex(codec.encode(1.5f))).isEqualTo("030000000000c03f");
    }

    @Test
    void typedArrayHeaderIsRefusedBefore43() {
        assertThatThrownBy(() -> Godot4Variants.of(GODOT_4_0).decode(GoldenData.hex(TYPED_ARRAY_HEX)))
                .isInstanceOf(WireFormatException.class)
                .hasMessageContaining("4.3");
    }

    @Test
    void typedDictionaryHeaderIsRefusedBefore44() {
        for (GodotVersion v : List.of(GODOT_4_0, GODOT_4_3)) {
            assertThatThrownBy(() -> Godot4Variants.of(v).decode(GoldenData.hex(TYPED_DICT_HEX)))
                    .as("%s", v)
                    .isInstanceOf(WireFormatException.class)
                    .hasMessageContaining("4.4");
        }
    }

    @Test
    void objectIdZeroDecodesToNullAndCannotBeBuilt() {
        // §7.3: a null Object is written as Nil, never as id 0; a decoder still reads id 0 as null.
        for (GodotVersion v : ALL_4) {
            assertThat(Godot4Variants.of(v).decode(GoldenData.hex("18 00 01 00 00 00 00 00 00 00 00 00"))).isNull();
        }
        assertThatThrownBy(() -> new ObjectId(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(GoldenData.hex(Godot4Variants.of(GODOT_4_4).encode(new ObjectId(0x1234_5678_9AL))))
                .isEqualTo("18000100" + "9a78563412000000");
    }
}
