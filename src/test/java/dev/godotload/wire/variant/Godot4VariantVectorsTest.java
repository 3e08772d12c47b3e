package dev.godotload.wire.variant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.godotload.cli.VariantJson;
import dev.godotload.testing.GoldenData;
import dev.godotload.testing.JsonTrees;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireEncodingException;
import dev.godotload.wire.WireFormatException;

/**
 * Every line of {@code src/test/resources/protocol/godot4-variant-vectors.jsonl} as a golden
 * vector, in both directions: bytes → {@code decode} → {@link VariantJson#toJson} is the line's
 * {@code value}, and {@code value} → {@link VariantJson#fromJson} → {@code encode} is the line's
 * {@code hex}. Each vector is checked with {@link GodotVersion#GODOT_4_4} and with the oldest
 * version its {@code godot} field admits (4.0+ → 4.0-4.2, 4.3+ → 4.3); a vector that needs 4.3 is
 * refused by 4.0-4.2 in both directions.
 */
class Godot4VariantVectorsTest {
    private static final Path FILE = GoldenData.file("godot4-variant-vectors.jsonl");
    private static final int EXPECTED_LINES = 40;

    /** One line of the file; {@code toString} is its name, so each vector is its own named test. */
    record Vector(String name, String description, JsonNode value, String hex, String godot) {
        byte[] bytes() {
            return GoldenData.hex(hex);
        }

        /** The oldest version the line's {@code godot} field admits, e.g. {@code 4.3+} → 4.3. */
        GodotVersion oldest() {
            return GodotVersion.parse(godot);
        }

        /** 4.4 and the oldest admitted version (once when they coincide). */
        List<GodotVersion> versions() {
            return oldest() == GodotVersion.GODOT_4_4 ? List.of(GodotVersion.GODOT_4_4)
                    : List.of(GodotVersion.GODOT_4_4, oldest());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Vector> vectors() {
        List<Vector> out = GoldenData.lines(FILE).stream().map(line -> {
            JsonNode n = JsonTrees.parse(line);
            return new Vector(n.get("name").asText(), n.get("description").asText(), n.get("value"),
                    n.get("hex").asText(), n.get("godot").asText());
        }).toList();
        // Fail every parameterized test, not just the count test, if the file is short or empty.
        assertThat(out).as("vectors in %s", FILE).hasSize(EXPECTED_LINES);
        return out;
    }

    static Stream<Vector> vectorStream() {
        return vectors().stream();
    }

    @Test
    void fileHasFortyDistinctVectorsOfKnownVersions() {
        List<Vector> all = vectors();
        assertThat(all).hasSize(EXPECTED_LINES);
        Set<String> names = new HashSet<>();
        for (Vector v : all) {
            assertThat(names.add(v.name())).as("duplicate name %s", v.name()).isTrue();
            assertThat(v.value()).as("%s value", v.name()).isNotNull();
            assertThat(v.hex()).as("%s hex", v.name()).isNotBlank();
            assertThat(v.godot()).as("%s godot", v.name()).isIn("4.0+", "4.3+");
        }
        // Every Godot 4 type id except RID, Object, Callable and Signal (§10.3 of godot4.md) occurs,
        // at the top or nested (StringName and Array only nested).
        Set<String> types = new HashSet<>();
        all.forEach(v -> collectTypes(v.value(), types));
        for (VariantType t : VariantType.values()) {
            if (t != VariantType.RID && t != VariantType.OBJECT && t != VariantType.CALLABLE
                    && t != VariantType.SIGNAL) {
                assertThat(types).as("a vector of type %s", t.godotName()).contains(t.godotName());
            }
        }
    }

    @Test
    void theTreeComparisonIsNotVacuous() {
        assertThat(JsonTrees.sameTree(JsonTrees.parse("{\"v\":[1,2.5]}"), JsonTrees.parse("{\"v\":[1.0,2.50]}"))).isTrue();
        assertThat(JsonTrees.sameTree(JsonTrees.parse("{\"v\":2147483648}"), JsonTrees.parse("{\"v\":2147483648.0}"))).isTrue();
        assertThat(JsonTrees.sameTree(JsonTrees.parse("{\"v\":[1,2]}"), JsonTrees.parse("{\"v\":[1,3]}"))).isFalse();
        assertThat(JsonTrees.sameTree(JsonTrees.parse("{\"v\":0.1}"), JsonTrees.parse("{\"v\":0.10000000149011612}"))).isFalse();
        assertThat(JsonTrees.sameTree(JsonTrees.parse("{\"v\":\"1\"}"), JsonTrees.parse("{\"v\":1}"))).isFalse();
        assertThat(JsonTrees.sameTree(JsonTrees.parse("{\"v\":[1]}"), JsonTrees.parse("{\"v\":[1,1]}"))).isFalse();
    }

    private static void collectTypes(JsonNode node, Set<String> into) {
        if (node.isObject() && node.path("type").isTextual()) {
            into.add(node.get("type").asText());
        }
        node.forEach(child -> collectTypes(child, into));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorStream")
    void bytesDecodeToTheValueJson(Vector v) {
        for (GodotVersion version : v.versions()) {
            Object decoded = Godot4Variants.of(version).decode(v.bytes());
            JsonNode json = VariantJson.toJson(decoded);
            assertThat(JsonTrees.sameTree(v.value(), json))
                    .as("%s decoded with %s: expected %s but got %s", v.name(), version, v.value(), json)
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorStream")
    void valueJsonEncodesToTheBytes(Vector v) {
        Object value = VariantJson.fromJson(v.value());
        for (GodotVersion version : v.versions()) {
            byte[] encoded = Godot4Variants.of(version).encode(value);
            assertThat(GoldenData.hex(encoded)).as("%s encoded with %s", v.name(), version).isEqualTo(v.hex().toLowerCase());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorStream")
    void valueJsonAndDecodedBytesAreTheSameValue(Vector v) {
        Object fromJson = VariantJson.fromJson(v.value());
        Object decoded = Godot4Variants.of(GodotVersion.GODOT_4_4).decode(v.bytes());
        assertThat(Variants.deepEquals(fromJson, decoded))
                .as("%s: from JSON %s, decoded %s", v.name(), fromJson, decoded).isTrue();
        assertThat(JsonTrees.sameTree(v.value(), VariantJson.toJson(fromJson)))
                .as("%s: JSON → value → JSON", v.name()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorStream")
    void vectorsNewerThan42AreRefusedBy42(Vector v) {
        Godot4Variants v40 = Godot4Variants.of(GodotVersion.GODOT_4_0);
        if (v.oldest() == GodotVersion.GODOT_4_0) {
            // Nothing to refuse: a 4.0+ vector works with 4.0-4.2 too (checked above).
            assertThat(v40.decode(v.bytes())).satisfies(x -> assertThat(GoldenData.hex(v40.encode(x))).isEqualTo(v.hex()));
            return;
        }
        assertThatThrownBy(() -> v40.decode(v.bytes())).isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> v40.encode(VariantJson.fromJson(v.value()))).isInstanceOf(WireEncodingException.class);
    }
}
