package dev.godotload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.godotload.testing.JsonTrees;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.variant.AABB;
import dev.godotload.wire.variant.Basis;
import dev.godotload.wire.variant.Callable;
import dev.godotload.wire.variant.Color;
import dev.godotload.wire.variant.ContainerType;
import dev.godotload.wire.variant.Godot4Variants;
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
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link VariantJson}: the type-tagged JSON of every Variant type, both ways, and the errors it
 * gives for JSON that is not a Variant (each message starts with the JSON path of the fault).
 */
class VariantJsonTest {

    /** A Java value and its JSON (single quotes stand for double quotes, for readability). */
    record Case(String name, Object value, String json) {
        JsonNode node() {
            return JsonTrees.parse(json.replace('\'', '"'));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static Map<Object, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("Nil", null, "{'type':'Nil','value':null}"));
        c.add(new Case("bool", true, "{'type':'bool','value':true}"));
        c.add(new Case("int", -9223372036854775808L, "{'type':'int','value':-9223372036854775808}"));
        c.add(new Case("float", 0.1, "{'type':'float','value':0.1}"));
        c.add(new Case("float -0.0", -0.0, "{'type':'float','value':-0.0}"));
        c.add(new Case("float NaN", Double.NaN, "{'type':'float','value':'NaN'}"));
        c.add(new Case("float Infinity", Double.POSITIVE_INFINITY, "{'type':'float','value':'Infinity'}"));
        c.add(new Case("float -Infinity", Double.NEGATIVE_INFINITY, "{'type':'float','value':'-Infinity'}"));
        c.add(new Case("String", "héllo ✓ \"q\"", "{'type':'String','value':'héllo ✓ \\'q\\''}"));
        c.add(new Case("Vector2", new Vector2(1.5, Double.NaN), "{'type':'Vector2','value':[1.5,'NaN']}"));
        c.add(new Case("Vector2i", new Vector2i(-2147483648, 2147483647),
                "{'type':'Vector2i','value':[-2147483648,2147483647]}"));
        c.add(new Case("Rect2", new Rect2(new Vector2(1, 2), new Vector2(3, Double.POSITIVE_INFINITY)),
                "{'type':'Rect2','value':{'position':[1.0,2.0],'size':[3.0,'Infinity']}}"));
        c.add(new Case("Rect2i", new Rect2i(new Vector2i(-10, 20), new Vector2i(300, 400)),
                "{'type':'Rect2i','value':{'position':[-10,20],'size':[300,400]}}"));
        c.add(new Case("Vector3", new Vector3(0.5, -1.25, 100), "{'type':'Vector3','value':[0.5,-1.25,100.0]}"));
        c.add(new Case("Vector3i", new Vector3i(1, -2, 3), "{'type':'Vector3i','value':[1,-2,3]}"));
        c.add(new Case("Transform2D", new Transform2D(new Vector2(1, 2), new Vector2(3, 4), new Vector2(5, 6)),
                "{'type':'Transform2D','value':{'x':[1.0,2.0],'y':[3.0,4.0],'origin':[5.0,6.0]}}"));
        c.add(new Case("Vector4", new Vector4(1, 2, 3, Double.NEGATIVE_INFINITY),
                "{'type':'Vector4','value':[1.0,2.0,3.0,'-Infinity']}"));
        c.add(new Case("Vector4i", new Vector4i(-1, -2, -3, -4), "{'type':'Vector4i','value':[-1,-2,-3,-4]}"));
        c.add(new Case("Plane", new Plane(new Vector3(0, 1, 0), 5),
                "{'type':'Plane','value':{'normal':[0.0,1.0,0.0],'d':5.0}}"));
        c.add(new Case("Quaternion", new Quaternion(0, 0, 0, 1), "{'type':'Quaternion','value':[0.0,0.0,0.0,1.0]}"));
        c.add(new Case("AABB", new AABB(new Vector3(-1, -2, -3), new Vector3(4, 5, 6)),
                "{'type':'AABB','value':{'position':[-1.0,-2.0,-3.0],'size':[4.0,5.0,6.0]}}"));
        c.add(new Case("Basis", new Basis(new Vector3(1, 2, 3), new Vector3(4, 5, 6), new Vector3(7, 8, 9)),
                "{'type':'Basis','value':{'rows':[[1.0,2.0,3.0],[4.0,5.0,6.0],[7.0,8.0,9.0]]}}"));
        c.add(new Case("Transform3D", new Transform3D(Basis.IDENTITY, new Vector3(10, 20, 30)),
                "{'type':'Transform3D','value':{'basis_rows':[[1.0,0.0,0.0],[0.0,1.0,0.0],[0.0,0.0,1.0]],"
                        + "'origin':[10.0,20.0,30.0]}}"));
        c.add(new Case("Projection", new Projection(new Vector4(1, 2, 3, 4), new Vector4(5, 6, 7, 8),
                new Vector4(9, 10, 11, 12), new Vector4(13, 14, 15, 16)),
                "{'type':'Projection','value':{'columns':[[1.0,2.0,3.0,4.0],[5.0,6.0,7.0,8.0],"
                        + "[9.0,10.0,11.0,12.0],[13.0,14.0,15.0,16.0]]}}"));
        c.add(new Case("Color", new Color(0.25, 0.5, 0.75, 1), "{'type':'Color','value':[0.25,0.5,0.75,1.0]}"));
        c.add(new Case("StringName", new StringName("move"), "{'type':'StringName','value':'move'}"));
        c.add(new Case("NodePath relative", NodePath.parse("Main/Player:position:x"),
                "{'type':'NodePath','value':'Main/Player:position:x'}"));
        c.add(new Case("NodePath absolute", NodePath.parse("/root/Main"), "{'type':'NodePath','value':'/root/Main'}"));
        c.add(new Case("NodePath empty", NodePath.parse(""), "{'type':'NodePath','value':''}"));
        c.add(new Case("RID", new Rid(0x1_0000_0001L), "{'type':'RID','value':4294967297}"));
        c.add(new Case("Object", new ObjectId(0x8000_0005_8200_051AL),
                "{'type':'Object','value':{'id':-9223372013198899942}}"));
        c.add(new Case("Callable", Callable.EMPTY, "{'type':'Callable','value':null}"));
        c.add(new Case("Signal", new Signal("tree_exiting", 23_588_766_997L),
                "{'type':'Signal','value':{'name':'tree_exiting','object':23588766997}}"));
        c.add(new Case("Dictionary", map("name", "bob", 3L, List.of(), new Vector2i(1, 2), null),
                "{'type':'Dictionary','value':[[{'type':'String','value':'name'},{'type':'String','value':'bob'}],"
                        + "[{'type':'int','value':3},{'type':'Array','value':[]}],"
                        + "[{'type':'Vector2i','value':[1,2]},{'type':'Nil','value':null}]]}"));
        c.add(new Case("Dictionary empty", map(), "{'type':'Dictionary','value':[]}"));
        c.add(new Case("Array", List.of(1L, 2.5, "x", new StringName("s")),
                "{'type':'Array','value':[{'type':'int','value':1},{'type':'float','value':2.5},"
                        + "{'type':'String','value':'x'},{'type':'StringName','value':'s'}]}"));
        c.add(new Case("Array[int]", TypedArray.of(VariantType.INT, 1L, 2L),
                "{'type':'Array','of':'int','value':[{'type':'int','value':1},{'type':'int','value':2}]}"));
        c.add(new Case("Array[PackedInt32Array]", TypedArray.of(VariantType.PACKED_INT32_ARRAY, PackedInt32Array.of(1)),
                "{'type':'Array','of':'PackedInt32Array','value':[{'type':'PackedInt32Array','value':[1]}]}"));
        c.add(new Case("Array[Node] (class name)",
                new TypedArray(new ContainerType.ClassName("Node"), List.of(new ObjectId(5))),
                "{'type':'Array','of':'Node','value':[{'type':'Object','value':{'id':5}}]}"));
        c.add(new Case("Array[EncodedObjectAsID] empty",
                new TypedArray(new ContainerType.ClassName("EncodedObjectAsID"), List.of()),
                "{'type':'Array','of':'EncodedObjectAsID','value':[]}"));
        c.add(new Case("Array[res://player.gd] (script)",
                new TypedArray(new ContainerType.Script("res://player.gd"), List.of(new ObjectId(7))),
                "{'type':'Array','of':'res://player.gd','value':[{'type':'Object','value':{'id':7}}]}"));
        c.add(new Case("Dictionary[String, Variant]",
                new TypedDictionary(ContainerType.of(VariantType.STRING), ContainerType.ANY, map("k", 1L, "s", "v")),
                "{'type':'Dictionary','of':['String','Variant'],'value':["
                        + "[{'type':'String','value':'k'},{'type':'int','value':1}],"
                        + "[{'type':'String','value':'s'},{'type':'String','value':'v'}]]}"));
        c.add(new Case("Dictionary[Variant, int]",
                new TypedDictionary(ContainerType.ANY, ContainerType.of(VariantType.INT), map("k", 1L, 2L, 3L)),
                "{'type':'Dictionary','of':['Variant','int'],'value':["
                        + "[{'type':'String','value':'k'},{'type':'int','value':1}],"
                        + "[{'type':'int','value':2},{'type':'int','value':3}]]}"));
        c.add(new Case("Dictionary[int, Node] empty",
                new TypedDictionary(ContainerType.of(VariantType.INT), new ContainerType.ClassName("Node"), map()),
                "{'type':'Dictionary','of':['int','Node'],'value':[]}"));
        c.add(new Case("PackedByteArray", new byte[] {0, (byte) 255, (byte) 128, 1},
                "{'type':'PackedByteArray','value':[0,255,128,1]}"));
        c.add(new Case("PackedInt32Array", PackedInt32Array.of(1, -1, 2147483647),
                "{'type':'PackedInt32Array','value':[1,-1,2147483647]}"));
        c.add(new Case("PackedInt64Array", PackedInt64Array.of(Long.MAX_VALUE, Long.MIN_VALUE),
                "{'type':'PackedInt64Array','value':[9223372036854775807,-9223372036854775808]}"));
        c.add(new Case("PackedFloat32Array", PackedFloat32Array.of(0.5f, Float.NaN, Float.NEGATIVE_INFINITY),
                "{'type':'PackedFloat32Array','value':[0.5,'NaN','-Infinity']}"));
        c.add(new Case("PackedFloat64Array", PackedFloat64Array.of(0.1, -1e300, Double.POSITIVE_INFINITY),
                "{'type':'PackedFloat64Array','value':[0.1,-1e300,'Infinity']}"));
        c.add(new Case("PackedStringArray", PackedStringArray.of("", "a", "héllo ✓"),
                "{'type':'PackedStringArray','value':['','a','héllo ✓']}"));
        c.add(new Case("PackedVector2Array", new PackedVector2Array(List.of(new Vector2(1, 2), new Vector2(-3, 4.5))),
                "{'type':'PackedVector2Array','value':[[1.0,2.0],[-3.0,4.5]]}"));
        c.add(new Case("PackedVector3Array", new PackedVector3Array(List.of(new Vector3(1, 2, 3))),
                "{'type':'PackedVector3Array','value':[[1.0,2.0,3.0]]}"));
        c.add(new Case("PackedColorArray", new PackedColorArray(List.of(new Color(1, 0, 0, 1), new Color(0, 0, 1, 0.5))),
                "{'type':'PackedColorArray','value':[[1.0,0.0,0.0,1.0],[0.0,0.0,1.0,0.5]]}"));
        c.add(new Case("PackedVector4Array", new PackedVector4Array(List.of(new Vector4(1, 2, 3, 4))),
                "{'type':'PackedVector4Array','value':[[1.0,2.0,3.0,4.0]]}"));
        return c;
    }

    static Stream<Case> caseStream() {
        return cases().stream();
    }

    @Test
    void everyVariantTypeHasACase() {
        Set<VariantType> covered = EnumSet.noneOf(VariantType.class);
        cases().forEach(c -> covered.add(Variants.typeOf(c.value())));
        assertThat(covered).containsExactlyInAnyOrder(VariantType.values());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseStream")
    void valueToJson(Case c) {
        JsonNode json = VariantJson.toJson(c.value());
        assertThat(JsonTrees.sameTree(c.node(), json)).as("toJson: expected %s, got %s", c.node(), json).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseStream")
    void jsonToValue(Case c) {
        Object value = VariantJson.fromJson(c.node());
        assertThat(Variants.deepEquals(c.value(), value)).as("fromJson: expected %s, got %s", c.value(), value).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseStream")
    void roundTripThroughJsonText(Case c) throws JsonProcessingException {
        // As the CLI prints it and reads it back: text, not just a tree.
        String text = JsonTrees.MAPPER.writeValueAsString(VariantJson.toJson(c.value()));
        Object back = VariantJson.fromJson(JsonTrees.MAPPER.readTree(text));
        assertThat(Variants.deepEquals(c.value(), back)).as("%s via %s: got %s", c.name(), text, back).isTrue();
        // ... and the value still encodes (4.4 knows every type in the table).
        assertThat(Godot4Variants.of(GodotVersion.GODOT_4_4).encode(back))
                .isEqualTo(Godot4Variants.of(GodotVersion.GODOT_4_4).encode(c.value()));
    }

    @Test
    void negativeZeroKeepsItsSign() throws JsonProcessingException {
        String text = JsonTrees.MAPPER.writeValueAsString(VariantJson.toJson(-0.0));
        Object back = VariantJson.fromJson(JsonTrees.MAPPER.readTree(text));
        assertThat(Double.doubleToRawLongBits((Double) back)).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void floatSpellingsAreAcceptedOneWay() {
        assertThat((Double) VariantJson.fromJson(parse("{'type':'float','value':'nan'}"))).isNaN();
        assertThat(VariantJson.fromJson(parse("{'type':'float','value':'inf'}"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(VariantJson.fromJson(parse("{'type':'float','value':'-inf'}"))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(VariantJson.fromJson(parse("{'type':'float','value':'inf_neg'}"))).isEqualTo(Double.NEGATIVE_INFINITY);
        // An integral JSON number is a fine float.
        assertThat(VariantJson.fromJson(parse("{'type':'float','value':2}"))).isEqualTo(2.0);
    }

    @Test
    void objectNullIsNil() {
        assertThat(VariantJson.fromJson(parse("{'type':'Object','value':null}"))).isNull();
        assertThat(VariantJson.toJson(null).get("type").asText()).isEqualTo("Nil");
    }

    @Test
    void typedContainersOfOlderVersionsEncodeUntyped() {
        Object v = VariantJson.fromJson(parse("{'type':'Array','of':'int','value':[{'type':'int','value':1}]}"));
        assertThat(Godot4Variants.of(GodotVersion.GODOT_4_0).encode(v))
                .isEqualTo(Godot4Variants.of(GodotVersion.GODOT_4_0).encode(List.of(1L)));
    }

    // ---------------------------------------------------------------- errors

    private static JsonNode parse(String singleQuoted) {
        return JsonTrees.parse(singleQuoted.replace('\'', '"'));
    }

    static Stream<Arguments> badJson() {
        return Stream.of(
                // unknown type names
                Arguments.of("{'type':'Vector5','value':[1,2,3,4,5]}", "$: unknown Godot type 'Vector5'"),
                Arguments.of("{'type':'Array','value':[{'type':'int','value':1},{'type':'Int','value':2}]}",
                        "$.value[1]: unknown Godot type 'Int'"),
                // (an unknown name in "of" is a class name, so only Nil is refused there)
                Arguments.of("{'type':'Array','of':'Nil','value':[]}", "$.of: "),
                Arguments.of("{'type':'Dictionary','of':['int','Nil'],'value':[]}", "$.of[1]: "),
                Arguments.of("{'type':'Array','of':'int','value':[{'type':'Nope','value':1}]}",
                        "$.value[0]: unknown Godot type 'Nope'"),
                // not a tagged value at all
                Arguments.of("[1,2]", "$: expected {"),
                Arguments.of("{'value':1}", "$: expected {"),
                Arguments.of("{'type':7,'value':1}", "$: expected {"),
                Arguments.of("{'type':'Array','value':[1]}", "$.value[0]: expected {"),
                // missing value
                Arguments.of("{'type':'int'}", "$: missing \"value\""),
                Arguments.of("{'type':'Dictionary','value':[[{'type':'String','value':'a'},{'type':'int'}]]}",
                        "$.value[0][1]: missing \"value\""),
                // wrong shapes
                Arguments.of("{'type':'Vector3','value':[1,2]}", "$.value: expected an array of 3"),
                Arguments.of("{'type':'Vector3','value':[1,2,'x']}", "$.value[2]: expected a number"),
                Arguments.of("{'type':'Vector3','value':{'x':1}}", "$.value: expected an array of 3"),
                Arguments.of("{'type':'Transform3D','value':{'basis_rows':[[1,0,0],[0,1,0],[0,0]],'origin':[0,0,0]}}",
                        "$.value.basis_rows[2]: expected an array of 3"),
                Arguments.of("{'type':'Rect2','value':{'position':[1,2]}}", "$.value: expected an object with \"size\""),
                Arguments.of("{'type':'Projection','value':{'columns':[[1,2,3,4]]}}", "$.value.columns: expected an array of 4"),
                Arguments.of("{'type':'PackedByteArray','value':[1,256]}", "$.value[1]: a byte is 0..255"),
                Arguments.of("{'type':'PackedByteArray','value':[-1]}", "$.value[0]: a byte is 0..255"),
                Arguments.of("{'type':'Vector2i','value':[1,2147483648]}", "$.value[1]: 2147483648 does not fit 32 bits"),
                Arguments.of("{'type':'Rect2i','value':{'position':[0,-2147483649],'size':[1,1]}}",
                        "$.value.position[1]: -2147483649 does not fit 32 bits"),
                Arguments.of("{'type':'PackedInt32Array','value':[0,0,4294967296]}", "$.value[2]: 4294967296 does not fit 32 bits"),
                Arguments.of("{'type':'int','value':1.5}", "$.value: expected an integer"),
                Arguments.of("{'type':'int','value':'1'}", "$.value: expected an integer"),
                Arguments.of("{'type':'int','value':9223372036854775808}", "$.value: expected an integer"),
                Arguments.of("{'type':'bool','value':1}", "$.value: expected true or false"),
                Arguments.of("{'type':'Nil','value':0}", "$.value: Nil has the value null"),
                Arguments.of("{'type':'String','value':5}", "$.value: expected a string"),
                Arguments.of("{'type':'float','value':'one'}", "$.value: expected a number"),
                Arguments.of("{'type':'Object','value':{'id':0}}", "$.value.id: instance id 0"),
                Arguments.of("{'type':'Object','value':5}", "$.value: expected an object with \"id\""),
                Arguments.of("{'type':'Signal','value':{'name':'s'}}", "$.value: expected an object with \"object\""),
                Arguments.of("{'type':'Dictionary','value':[[{'type':'int','value':1}]]}", "$.value[0]: expected an array of 2"),
                Arguments.of("{'type':'Dictionary','of':'String','value':[]}", "$.of: expected [key type, value type]"),
                Arguments.of("{'type':'Array','of':['int'],'value':[]}", "$.of: expected the element type as a string"),
                // typed containers holding the wrong type: the path names the offending element
                Arguments.of("{'type':'Array','of':'int','value':[{'type':'int','value':1},{'type':'String','value':'x'}]}",
                        "$.value[1]: String is not allowed in an Array[int]"),
                Arguments.of("{'type':'Array','of':'Node','value':[{'type':'int','value':1}]}",
                        "$.value[0]: int is not allowed in an Array[Node]"),
                Arguments.of("{'type':'Array','of':'float','value':[{'type':'Nil','value':null}]}",
                        "$.value[0]: Nil is not allowed in an Array[float]"),
                Arguments.of("{'type':'Dictionary','of':['String','int'],'value':[[{'type':'String','value':'a'},"
                        + "{'type':'int','value':1}],[{'type':'int','value':2},{'type':'int','value':3}]]}",
                        "$.value[1][0]: int is not allowed in a Dictionary[String, int]"),
                Arguments.of("{'type':'Dictionary','of':['String','int'],'value':[[{'type':'String','value':'a'},"
                        + "{'type':'float','value':1.5}]]}",
                        "$.value[0][1]: float is not allowed in a Dictionary[String, int]"),
                Arguments.of("{'type':'Array','value':[{'type':'Array','value':[{'type':'Vector2','value':[1]}]}]}",
                        "$.value[0].value[0].value: expected an array of 2"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("badJson")
    void badJsonIsRefusedWithItsPath(String json, String messageStart) {
        assertThatThrownBy(() -> VariantJson.fromJson(parse(json)))
                .isInstanceOf(IllegalArgumentException.class)
                .message()
                .startsWith(messageStart)
                .satisfies(m -> {
                    // the path is followed by ": " and a reason, so "$.value[1]" is not a prefix of "$.value[10]"
                    String path = messageStart.contains(":") ? messageStart.substring(0, messageStart.indexOf(':'))
                            : messageStart;
                    assertThat(m).startsWith(path + ": ");
                });
    }

    @Test
    void aJavaValueWithNoVariantIsRefused() {
        assertThatThrownBy(() -> VariantJson.toJson(new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VariantJson.toJson(List.of(new StringBuilder())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
