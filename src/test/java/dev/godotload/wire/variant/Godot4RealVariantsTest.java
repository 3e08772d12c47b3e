package dev.godotload.wire.variant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.godotload.testing.GoldenData;
import dev.godotload.testing.JsonTrees;
import dev.godotload.wire.GodotVersion;

/**
 * The 168 values a real Godot 4.6 engine wrote with {@code var_to_bytes()}
 * ({@code src/test/resources/protocol/godot4-real/variant-vectors.jsonl}): each decodes with
 * {@link GodotVersion#GODOT_4_4} and re-encodes to the engine's bytes exactly, except the padding
 * after NodePath names, which the engine leaves uninitialised (see the protocol README) and
 * which is masked in the engine's bytes by walking the Variant layout ({@link EngineLayout}).
 * The decoded value's type must be the line's {@code godot_type}, and simple scalars must read as
 * the line's {@code value_text}.
 */
class Godot4RealVariantsTest {
    private static final Path FILE = GoldenData.file("godot4-real/variant-vectors.jsonl");
    private static final int EXPECTED_LINES = 168;
    /** value_text longer than this was cut by the generator. */
    private static final int TEXT_LIMIT = 300;
    private static final Godot4Variants CODEC = Godot4Variants.of(GodotVersion.GODOT_4_4);

    /** Lines whose decoded type is legitimately not their {@code godot_type}: a freed Object travels as Nil. */
    private static final Set<String> DECODES_AS_NIL = Set.of("s10_object_freed");

    record Line(String name, String godotType, String valueText, String hex) {
        byte[] bytes() {
            return GoldenData.hex(hex);
        }

        @Override
        public String toString() {
            return name + " (" + godotType + ")";
        }
    }

    static List<Line> lines() {
        List<Line> out = GoldenData.lines(FILE).stream().map(l -> {
            JsonNode n = JsonTrees.parse(l);
            return new Line(n.get("name").asText(), n.get("godot_type").asText(), n.get("value_text").asText(),
                    n.get("hex").asText());
        }).toList();
        assertThat(out).as("lines of %s", FILE).hasSize(EXPECTED_LINES);
        return out;
    }

    static Stream<Line> lineStream() {
        return lines().stream();
    }

    private static Line line(String name) {
        return lines().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void fileHas168DistinctLines() {
        List<Line> all = lines();
        assertThat(all).hasSize(EXPECTED_LINES);
        assertThat(all.stream().map(Line::name).collect(Collectors.toSet())).hasSize(EXPECTED_LINES);
        // Every Godot 4 type occurs as a top-level value somewhere in the engine's output.
        Set<String> types = all.stream().map(Line::godotType).collect(Collectors.toCollection(TreeSet::new));
        for (VariantType t : VariantType.values()) {
            assertThat(types).as("a line of type %s", t.godotName()).contains(t.godotName());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineStream")
    void decodesAndReencodesToTheEnginesBytes(Line line) {
        byte[] engine = line.bytes();
        Object value = CODEC.decode(engine);
        byte[] ours = CODEC.encode(value);
        byte[] masked = EngineLayout.maskNodePathPadding(engine);
        assertThat(GoldenData.hex(ours)).as("%s re-encoded (engine bytes with NodePath padding zeroed)", line.name())
                .isEqualTo(GoldenData.hex(masked));
        // Decoding our bytes gives the same value back.
        assertThat(Variants.deepEquals(value, CODEC.decode(ours))).as("%s decode(encode(v)) == v", line.name()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineStream")
    void decodedTypeIsTheGodotType(Line line) {
        Object value = CODEC.decode(line.bytes());
        if (DECODES_AS_NIL.contains(line.name())) {
            assertThat(value).as("%s: a freed Object is sent as Nil", line.name()).isNull();
            return;
        }
        assertThat(Variants.typeOf(value).godotName()).as("%s decoded as %s", line.name(), value)
                .isEqualTo(line.godotType());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lineStream")
    void scalarsReadAsTheEnginesText(Line line) {
        Object value = CODEC.decode(line.bytes());
        String text = line.valueText();
        switch (Variants.typeOf(value)) {
            case NIL -> assertThat(text).isEqualTo("null");
            case BOOL, INT -> assertThat(String.valueOf(value)).isEqualTo(text);
            case STRING -> {
                if (text.length() == TEXT_LIMIT) {
                    // The generator cut value_text at 300 characters (string_1024_bytes).
                    assertThat(quoted((String) value)).startsWith(text);
                } else {
                    assertThat(quoted((String) value)).isEqualTo(text);
                }
            }
            case STRING_NAME -> assertThat("&" + quoted(((StringName) value).name())).isEqualTo(text);
            case NODE_PATH -> assertThat("NodePath(" + quoted(value.toString()) + ")").isEqualTo(text);
            case FLOAT -> {
                double d = (Double) value;
                boolean sentAsF32 = (line.bytes()[2] & 1) == 0;
                switch (text) {
                    case "nan" -> assertThat(d).isNaN();
                    case "inf" -> assertThat(d).isEqualTo(Double.POSITIVE_INFINITY);
                    case "inf_neg" -> assertThat(d).isEqualTo(Double.NEGATIVE_INFINITY);
                    default -> {
                        double printed = Double.parseDouble(text);
                        if (sentAsF32) {
                            // value_text of a float sent as f32 reads as the same f32, not always the
                            // same double (float_f32_denorm_exact: 2^-149 reads "1e-45"; -0.0 reads "0.0").
                            assertThat((float) printed).isEqualTo((float) d);
                        } else {
                            // ... and an f64 with up to 17 significant digits.
                            assertThat(d).isCloseTo(printed, within(Math.abs(d) * 1e-15));
                        }
                    }
                }
            }
            default -> {
                // Compound values: Godot's text form is not parsed here.
            }
        }
    }

    @Test
    void theTextCheckCoversTheScalarLines() {
        // 31 int, 2 bool, 10 String, 3 StringName, 8 NodePath: 54 lines whose value_text is compared exactly
        // (one String by prefix), and 13 float lines compared numerically.
        Map<String, Long> byType = lines().stream().collect(Collectors.groupingBy(Line::godotType, Collectors.counting()));
        assertThat(byType.get("int") + byType.get("bool") + byType.get("String") + byType.get("StringName")
                + byType.get("NodePath")).isEqualTo(54);
        assertThat(byType.get("float")).isEqualTo(13);
    }

    /** Godot's {@code var_to_str} of a String: in double quotes, with {@code \} and {@code "} escaped. */
    private static String quoted(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }

    @Test
    void onlyTheFreedObjectLineDecodesToAnotherType() {
        Set<String> mismatched = new HashSet<>();
        for (Line l : lines()) {
            Object v = CODEC.decode(l.bytes());
            if (!Variants.typeOf(v).godotName().equals(l.godotType())) {
                mismatched.add(l.name());
            }
        }
        assertThat(mismatched).isEqualTo(DECODES_AS_NIL);
    }

    @Test
    void processLocalValuesDecodeToTheirParts() {
        // Signal: name and the (process-local) object id, 0x000000057e000515.
        assertThat(CODEC.decode(line("signal_tree_exiting").bytes()))
                .isEqualTo(new Signal("tree_exiting", 0x0000_0005_7E00_0515L));
        // Object as id: flag 1<<16 and a u64 id whose top bit is set (negative as a Java long).
        assertThat(CODEC.decode(line("object_refcounted_live").bytes()))
                .isEqualTo(new ObjectId(0x8000_0005_8200_051AL));
        assertThat(CODEC.decode(line("callable_empty").bytes())).isEqualTo(Callable.EMPTY);
        assertThat(CODEC.decode(line("callable_method").bytes())).isEqualTo(Callable.EMPTY);
        assertThat(CODEC.decode(line("rid_empty").bytes())).isEqualTo(new Rid(0));
        assertThat(CODEC.decode(line("s10_object_null").bytes())).isNull();
    }

    @Test
    void typedContainersFromTheEngine() {
        assertThat(CODEC.decode(line("typed_array_node_empty").bytes()))
                .isEqualTo(new TypedArray(new ContainerType.ClassName("EncodedObjectAsID"), List.of()));
        Map<Object, Object> none = new LinkedHashMap<>();
        assertThat(CODEC.decode(line("typed_dict_int_node_empty").bytes())).isEqualTo(new TypedDictionary(
                ContainerType.of(VariantType.INT), new ContainerType.ClassName("EncodedObjectAsID"), none));
        Map<Object, Object> vInt = new LinkedHashMap<>();
        vInt.put("k", 1L);
        vInt.put(2L, 3L);
        Object decoded = CODEC.decode(line("typed_dict_variant_int").bytes());
        assertThat(decoded).isInstanceOf(TypedDictionary.class);
        TypedDictionary d = (TypedDictionary) decoded;
        assertThat(d.keyType()).isEqualTo(ContainerType.ANY);
        assertThat(d.valueType()).isEqualTo(ContainerType.of(VariantType.INT));
        assertThat(Variants.deepEquals(d.entries(), vInt)).as("entries in wire order: %s", d.entries()).isTrue();
    }

    @Test
    void theEnginesNodePathPaddingIsReallyGarbageAndMaskingFindsIt() {
        // Without masking at least one NodePath line differs: the mask is doing real work.
        Line l = line("nodepath_relative_subnames");
        byte[] engine = l.bytes();
        byte[] masked = EngineLayout.maskNodePathPadding(engine);
        assertThat(GoldenData.hex(masked)).isNotEqualTo(l.hex());
        // ... and only in padding: "Player" (6 bytes at 28..33) leaves padding 34..35 ("33 66" from the
        // engine), subname "x" (at 52) leaves 53..55 ("2c 22 6e").
        List<Integer> differing = new java.util.ArrayList<>();
        for (int i = 0; i < engine.length; i++) {
            if (engine[i] != masked[i]) {
                differing.add(i);
            }
        }
        assertThat(differing).containsExactly(34, 35, 53, 54, 55);
        // A NodePath nested in an Array is found as well.
        Line arr = line("array_all_scalars");
        assertThat(GoldenData.hex(CODEC.encode(CODEC.decode(arr.bytes()))))
                .isEqualTo(GoldenData.hex(EngineLayout.maskNodePathPadding(arr.bytes())));
    }

    @Test
    void theFortySpecVectorsAreWhatTheEngineWrites() {
        // README: every line agrees with godot4-variant-vectors.jsonl where that gives a hex.
        List<Godot4VariantVectorsTest.Vector> spec = Godot4VariantVectorsTest.vectors();
        assertThat(spec).hasSize(40);
        for (Godot4VariantVectorsTest.Vector v : spec) {
            Line engine = line(v.name());
            assertThat(GoldenData.hex(EngineLayout.maskNodePathPadding(engine.bytes())))
                    .as("engine bytes of %s (NodePath padding masked)", v.name())
                    .isEqualTo(GoldenData.hex(v.bytes()));
        }
    }

    @Test
    void theLayoutWalkerConsumesEveryLineExactly() {
        for (Line l : lines()) {
            assertThat(EngineLayout.walk(l.bytes(), null)).as("%s walked to its end", l.name())
                    .isEqualTo(l.bytes().length);
        }
    }

    /**
     * A layout walker written from §7 of godot4.md, independent of the codec: it finds where each
     * Variant ends and zeroes the padding after each NodePath name.
     */
    static final class EngineLayout {
        private EngineLayout() {
        }

        /** A copy of {@code engine} with the padding bytes after every NodePath name (at any depth) zeroed. */
        static byte[] maskNodePathPadding(byte[] engine) {
            byte[] copy = engine.clone();
            int end = walk(engine, copy);
            assertThat(end).as("walked to the end").isEqualTo(engine.length);
            return copy;
        }

        /** Walks one Variant from offset 0; returns where it ends. Masks into {@code mask} when not null. */
        static int walk(byte[] bytes, byte[] mask) {
            return new EngineLayout.Walker(bytes, mask).variant(0);
        }

        private static final class Walker {
            private final ByteBuffer buf;
            private final byte[] mask;
            private int pos;

            Walker(byte[] bytes, byte[] mask) {
                this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                this.mask = mask;
            }

            private long u32() {
                long v = buf.getInt(pos) & 0xFFFF_FFFFL;
                pos += 4;
                return v;
            }

            /** A u32 element count, then that many elements of {@code size} bytes. */
            private void skip(int size) {
                long n = u32();
                pos += (int) (n * size);
            }

            private static int pad(long len) {
                return (int) ((4 - (len & 3)) & 3);
            }

            /** u32 length, bytes, padding; zeroes the padding when {@code maskPadding}. */
            private void string(boolean maskPadding) {
                long len = u32();
                pos += (int) len;
                int p = pad(len);
                if (maskPadding && mask != null) {
                    for (int i = 0; i < p; i++) {
                        mask[pos + i] = 0;
                    }
                }
                pos += p;
            }

            private void containerType(int kind) {
                switch (kind) {
                    case 0 -> { }
                    case 1 -> pos += 4;
                    case 2, 3 -> string(false);
                    default -> throw new AssertionError("kind " + kind);
                }
            }

            int variant(int depth) {
                if (depth > 1024) {
                    throw new AssertionError("too deep");
                }
                long header = u32();
                int type = (int) (header & 0xFF);
                boolean f64 = (header & (1 << 16)) != 0;
                int r = f64 ? 8 : 4;
                switch (type) {
                    case 0, 25 -> { } // Nil, Callable
                    case 1 -> pos += 4;
                    case 2, 3 -> pos += r;
                    case 4, 21 -> string(false);
                    case 5 -> pos += 2 * r;
                    case 6 -> pos += 8;
                    case 7 -> pos += 4 * r;
                    case 8 -> pos += 16;
                    case 9 -> pos += 3 * r;
                    case 10 -> pos += 12;
                    case 11 -> pos += 6 * r;
                    case 12, 14, 15 -> pos += 4 * r;
                    case 13 -> pos += 16;
                    case 16 -> pos += 6 * r;
                    case 17 -> pos += 9 * r;
                    case 18 -> pos += 12 * r;
                    case 19 -> pos += 16 * r;
                    case 20 -> pos += 16;
                    case 22 -> {
                        long names = u32() & 0x7FFF_FFFFL;
                        long subnames = u32();
                        long flags = u32();
                        if ((flags & 2) != 0) {
                            subnames++;
                        }
                        for (long i = 0; i < names + subnames; i++) {
                            string(true);
                        }
                    }
                    case 23 -> pos += 8;
                    case 24 -> {
                        if (!f64) {
                            throw new AssertionError("full Object in an engine vector");
                        }
                        pos += 8;
                    }
                    case 26 -> {
                        string(false);
                        pos += 8;
                    }
                    case 27 -> {
                        containerType((int) (header >>> 16) & 3);
                        containerType((int) (header >>> 18) & 3);
                        long n = u32() & 0x7FFF_FFFFL;
                        for (long i = 0; i < 2 * n; i++) {
                            variant(depth + 1);
                        }
                    }
                    case 28 -> {
                        containerType((int) (header >>> 16) & 3);
                        long n = u32() & 0x7FFF_FFFFL;
                        for (long i = 0; i < n; i++) {
                            variant(depth + 1);
                        }
                    }
                    case 29 -> string(false); // PackedByteArray: same shape as a String body
                    case 30, 32 -> skip(4);
                    case 31, 33 -> skip(8);
                    case 34 -> {
                        long n = u32();
                        for (long i = 0; i < n; i++) {
                            string(false);
                        }
                    }
                    case 35 -> skip(2 * r);
                    case 36 -> skip(3 * r);
                    case 37 -> skip(16);
                    case 38 -> skip(4 * r);
                    default -> throw new AssertionError("type " + type);
                }
                return pos;
            }
        }
    }
}
