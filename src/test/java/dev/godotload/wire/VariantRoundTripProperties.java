package dev.godotload.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.IntRange;

import dev.godotload.wire.packet.AddPeer;
import dev.godotload.wire.packet.Auth;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.DelPeer;
import dev.godotload.wire.packet.Delta;
import dev.godotload.wire.packet.DeltaState;
import dev.godotload.wire.packet.Despawn;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.PacketCodec;
import dev.godotload.wire.packet.PeerId;
import dev.godotload.wire.packet.Raw;
import dev.godotload.wire.packet.Relay;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.RemoteSet;
import dev.godotload.wire.packet.Routed;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.RpcLayout;
import dev.godotload.wire.packet.SimplifyPath;
import dev.godotload.wire.packet.Spawn;
import dev.godotload.wire.packet.Sync;
import dev.godotload.wire.packet.SyncState;
import dev.godotload.wire.variant.AABB;
import dev.godotload.wire.variant.Basis;
import dev.godotload.wire.variant.Callable;
import dev.godotload.wire.variant.Color;
import dev.godotload.wire.variant.CompressedVariants;
import dev.godotload.wire.variant.ContainerType;
import dev.godotload.wire.variant.Godot3Variants;
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
import dev.godotload.wire.variant.VariantCodec;
import dev.godotload.wire.variant.VariantType;
import dev.godotload.wire.variant.Variants;
import dev.godotload.wire.variant.Vector2;
import dev.godotload.wire.variant.Vector2i;
import dev.godotload.wire.variant.Vector3;
import dev.godotload.wire.variant.Vector3i;
import dev.godotload.wire.variant.Vector4;
import dev.godotload.wire.variant.Vector4i;

/**
 * Round-trip properties of the wire codecs: every Variant type, nested and typed containers, the
 * compressed RPC argument form, and every packet kind of every {@link GodotVersion}.
 *
 * <p>Values are generated for a {@link Profile} (the types one protocol generation has) and then
 * checked against every version: a version that can carry the value must decode its own encoding
 * to the value (after the documented down-conversions, see {@link #expected}) and re-encode the
 * decoded value to the same bytes; a version that cannot must refuse it with
 * {@link WireEncodingException}.
 *
 * <p>The container properties run without jqwik's edge-case mixing: it skews generation towards a
 * few types (a third of all tries went to the last enum constant); the generators below add the
 * edge values themselves (width boundaries of ints, NaN/±inf/-0.0/subnormals, empty containers).
 */
class VariantRoundTripProperties {

    private static final HexFormat HEX = HexFormat.of();
    private static final GodotVersion[] GODOT_4 = {GodotVersion.GODOT_4_0, GodotVersion.GODOT_4_3, GodotVersion.GODOT_4_4};

    /** The Variant types one protocol generation has. */
    enum Profile {
        GODOT_3, GODOT_4_0, GODOT_4_3_PLUS;

        boolean has(VariantType t) {
            return switch (this) {
                case GODOT_3 -> Godot3Variants.godot3Id(t) >= 0;
                case GODOT_4_0 -> t != VariantType.PACKED_VECTOR4_ARRAY;
                case GODOT_4_3_PLUS -> true;
            };
        }

        static Profile of(GodotVersion v) {
            return switch (v) {
                case GODOT_3 -> GODOT_3;
                case GODOT_4_0 -> GODOT_4_0;
                case GODOT_4_3, GODOT_4_4 -> GODOT_4_3_PLUS;
            };
        }

        List<VariantType> types() {
            return Arrays.stream(VariantType.values()).filter(this::has).toList();
        }

        List<VariantType> leafTypes() {
            return types().stream().filter(t -> !isContainer(t)).toList();
        }
    }

    private static boolean isContainer(VariantType t) {
        return t == VariantType.ARRAY || t == VariantType.DICTIONARY;
    }

    // =====================================================================================
    // Properties: Variants
    // =====================================================================================

    /** Every type (uniformly chosen first, so each is well covered), values of every version's profile. */
    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void everyVariantTypeRoundTripsOnEveryVersionThatCarriesIt(@ForAll("anyTypedValue") Object value) {
        assertRoundTripOnEveryVersion(value);
    }

    @Property(tries = 600, edgeCases = EdgeCasesMode.NONE)
    void nestedGodot4ValuesRoundTrip(@ForAll("godot4Values") Object value) {
        assertRoundTripOnEveryVersion(value);
    }

    @Property(tries = 600, edgeCases = EdgeCasesMode.NONE)
    void nestedGodot4_0ValuesRoundTrip(@ForAll("godot4_0Values") Object value) {
        assertRoundTripOnEveryVersion(value);
    }

    @Property(tries = 600, edgeCases = EdgeCasesMode.NONE)
    void nestedGodot3ValuesRoundTrip(@ForAll("godot3Values") Object value) {
        assertThat(canCarry(value, GodotVersion.GODOT_3)).isTrue();
        assertRoundTripOnEveryVersion(value);
    }

    /** A plain int is 8 bytes when it fits 32 bits, else 12 with the 64-bit flag; the same in Godot 3 and 4. */
    @Property(tries = 500)
    void intsUseThe32BitFormWhenTheyFit(@ForAll("longs") long v) {
        boolean fits = v == (int) v;
        for (GodotVersion version : GodotVersion.values()) {
            byte[] bytes = VariantCodec.of(version).encode(v);
            assertThat(bytes).hasSize(fits ? 8 : 12);
            assertThat(bytes[2] & 1).isEqualTo(fits ? 0 : 1);
            assertThat(VariantCodec.of(version).decode(bytes)).isEqualTo(v);
        }
    }

    /** A float is 8 bytes when it survives f32 exactly (NaN never does: it keeps its bits as f64). */
    @Property(tries = 500)
    void floatsUseTheF32FormWhenExact(@ForAll("doubles") double d) {
        boolean exact = (double) (float) d == d;
        for (GodotVersion version : GodotVersion.values()) {
            byte[] bytes = VariantCodec.of(version).encode(d);
            assertThat(bytes).hasSize(exact ? 8 : 12);
            Object back = VariantCodec.of(version).decode(bytes);
            assertThat(Double.doubleToLongBits((Double) back)).isEqualTo(Double.doubleToLongBits(d));
        }
    }

    // =====================================================================================
    // Properties: compressed RPC arguments (Godot 4)
    // =====================================================================================

    @Property(tries = 600)
    void compressedIntsPickTheSmallestWidth(@ForAll("longs") long v, @ForAll("godot4Versions") GodotVersion version,
            @ForAll("intBoxing") int boxing) {
        Object boxed = switch (boxing) {
            case 1 -> v == (int) v ? (Object) (int) v : (Object) v;
            case 2 -> v == (short) v ? (Object) (short) v : (Object) v;
            case 3 -> v == (byte) v ? (Object) (byte) v : (Object) v;
            default -> v;
        };
        CompressedVariants cv = new CompressedVariants(Godot4Variants.of(version));
        byte[] bytes = compress(cv, boxed);
        int width = v == (byte) v ? 1 : v == (short) v ? 2 : v == (int) v ? 4 : 8;
        int code = Integer.numberOfTrailingZeros(width);
        assertThat(bytes).hasSize(1 + width);
        assertThat(bytes[0] & 0xFF).isEqualTo(VariantType.INT.id() | code << 6);
        assertThat(decompress(cv, bytes)).isEqualTo(v);
    }

    @Property(tries = 50)
    void compressedBoolsAreOneByte(@ForAll boolean b, @ForAll("godot4Versions") GodotVersion version) {
        CompressedVariants cv = new CompressedVariants(Godot4Variants.of(version));
        byte[] bytes = compress(cv, b);
        assertThat(bytes).containsExactly(b ? 0x81 : 0x01);
        assertThat(decompress(cv, bytes)).isEqualTo(b);
    }

    /** Everything but int and bool travels as the plain Variant; top level only, never inside containers. */
    @Property(tries = 600, edgeCases = EdgeCasesMode.NONE)
    void compressedOtherValuesArePlainVariants(@ForAll("godot4Values") Object value,
            @ForAll("godot4Versions") GodotVersion version) {
        if (!canCarry(value, version)) {
            return;
        }
        CompressedVariants cv = new CompressedVariants(Godot4Variants.of(version));
        byte[] bytes = compress(cv, value);
        if (value instanceof Boolean || value instanceof Number n && !(n instanceof Double || n instanceof Float)) {
            assertThat(bytes.length).isLessThanOrEqualTo(9);
        } else {
            assertThat(bytes).isEqualTo(VariantCodec.of(version).encode(value));
        }
        Object back = decompress(cv, bytes);
        assertDeepEquals(back, expected(value, version), value, version);
        assertThat(compress(cv, back)).isEqualTo(bytes);
    }

    // =====================================================================================
    // Properties: packets
    // =====================================================================================

    @Property(tries = 800, edgeCases = EdgeCasesMode.NONE)
    void godot4RpcsRoundTrip(@ForAll("rpcs") Tuple2<GodotVersion, Rpc> versionAndRpc) {
        GodotVersion version = versionAndRpc.get1();
        Rpc rpc = versionAndRpc.get2();
        byte[] bytes = assertPacketRoundTrip(version, rpc, expectedRpc(rpc, version));
        int byte0 = bytes[0] & 0xFF;
        RpcLayout layout = rpc.layout();
        assertThat(byte0 & 0x07).isZero();
        assertThat((byte0 >>> 4) & 3).isEqualTo(Integer.numberOfTrailingZeros(layout.nodeIdBytes()));
        assertThat((byte0 & 0x40) != 0).isEqualTo(layout.methodIdBytes() == 2);
        assertThat((byte0 & 0x80) != 0).isEqualTo(layout.byteOnlyOrNoArgs());
    }

    /** What {@link Rpc#of} picks is what Godot's sender picks: the smallest widths, raw form when possible. */
    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void godot4RpcCanonicalLayoutRoundTrips(@ForAll("rpcs") Tuple2<GodotVersion, Rpc> versionAndRpc) {
        Rpc given = versionAndRpc.get2();
        Rpc rpc = Rpc.of(given.node(), given.methodId(), given.args());
        RpcLayout layout = rpc.layout();
        if (rpc.node() instanceof NodeRef.Cached c) {
            assertThat(layout.nodeIdBytes()).isEqualTo(c.id() <= 0xFF ? 1 : c.id() <= 0xFFFF ? 2 : 4);
        }
        assertThat(layout.methodIdBytes()).isEqualTo(rpc.methodId() <= 0xFF ? 1 : 2);
        assertPacketRoundTrip(versionAndRpc.get1(), rpc, expectedRpc(rpc, versionAndRpc.get1()));
    }

    @Property(tries = 500)
    void godot4PathPacketsRoundTrip(@ForAll("godot4PathPackets") Tuple2<GodotVersion, Packet> versionAndPacket) {
        assertPacketRoundTrip(versionAndPacket.get1(), versionAndPacket.get2(), versionAndPacket.get2());
    }

    @Property(tries = 500)
    void godot4SysAndRawPacketsRoundTrip(@ForAll("godot4SysPackets") Tuple2<GodotVersion, Packet> versionAndPacket) {
        assertPacketRoundTrip(versionAndPacket.get1(), versionAndPacket.get2(), versionAndPacket.get2());
    }

    @Property(tries = 600, edgeCases = EdgeCasesMode.NONE)
    void godot4RelaysRoundTrip(@ForAll("relays") Tuple2<GodotVersion, Relay> versionAndRelay) {
        GodotVersion version = versionAndRelay.get1();
        Relay relay = versionAndRelay.get2();
        Packet inner = relay.inner() instanceof Rpc r ? expectedRpc(r, version) : relay.inner();
        byte[] bytes = assertPacketRoundTrip(version, relay, new Relay(relay.peer(), inner));
        assertThat(Arrays.copyOfRange(bytes, 0, 2)).containsExactly(0x07, 0x03);
        assertThat(Arrays.copyOfRange(bytes, 6, bytes.length)).isEqualTo(PacketCodec.of(version).encode(relay.inner()));
    }

    @Property(tries = 300)
    void godot4PeerIdsRoundTrip(@ForAll @IntRange(min = 2) int id, @ForAll @IntRange(min = Integer.MIN_VALUE, max = 1) int invalid) {
        for (GodotVersion version : GODOT_4) {
            Godot4Packets codec = Godot4Packets.of(version);
            byte[] bytes = codec.encode(new PeerId(id));
            assertThat(bytes).hasSize(4);
            assertThat(codec.decodePeerId(bytes)).isEqualTo(new PeerId(id));
            assertThatThrownBy(() -> codec.encode(new PeerId(invalid))).isInstanceOf(WireEncodingException.class);
            byte[] bad = {(byte) invalid, (byte) (invalid >> 8), (byte) (invalid >> 16), (byte) (invalid >> 24)};
            assertThatThrownBy(() -> codec.decodePeerId(bad)).isInstanceOf(WireFormatException.class);
        }
    }

    @Property(tries = 800, edgeCases = EdgeCasesMode.NONE)
    void godot3RoutedPacketsRoundTrip(@ForAll("godot3Packets") Routed routed) {
        Packet inner = routed.packet();
        Packet expectedInner = inner;
        if (inner instanceof RemoteCall c) {
            expectedInner = new RemoteCall(c.node(), c.method(), expectedList(c.args(), GodotVersion.GODOT_3));
        } else if (inner instanceof RemoteSet s) {
            expectedInner = new RemoteSet(s.node(), s.property(), expected(s.value(), GodotVersion.GODOT_3));
        }
        byte[] bytes = assertPacketRoundTrip(GodotVersion.GODOT_3, routed,
                new Routed(routed.from(), routed.to(), expectedInner));
        assertThat(bytes.length).isGreaterThanOrEqualTo(9);
    }

    /**
     * A SIMPLIFY_PATH the record accepts must survive the wire: the checksum travels as 32 ASCII
     * characters, so anything {@link Character#digit} calls hex but ASCII is not (fullwidth or
     * Arabic-Indic digits) must be refused up front, not garbled into {@code ?} by the encoder.
     */
    @Property(tries = 300)
    void simplifyPathChecksumsSurviveTheWire(@ForAll("digitLikeMd5") String md5, @ForAll("godot4Versions") GodotVersion version) {
        SimplifyPath p;
        try {
            p = new SimplifyPath(7, "Main", md5);
        } catch (IllegalArgumentException refused) {
            assertThat(md5.chars().allMatch(c -> c < 0x80 && Character.digit(c, 16) >= 0)).isFalse();
            return;
        }
        PacketCodec codec = PacketCodec.of(version);
        byte[] bytes = codec.encode(p);
        Packet back = codec.decode(bytes);
        assertThat(back).isEqualTo(p);
        assertThat(codec.encode(back)).isEqualTo(bytes);
    }

    /** Every packet kind a version lacks is refused by its encoder, never written wrongly. */
    @Example
    void packetKindsOfTheOtherGenerationAreRefused() {
        Packet[] godot3Only = {
            RemoteCall.of(NodeRef.cached(1), "m"), new RemoteSet(NodeRef.cached(1), "p", 1L),
            new Routed(1, 0, new Raw(new byte[] {1})), SimplifyPath.godot3(1, "a"),
        };
        for (GodotVersion v : GODOT_4) {
            for (Packet p : godot3Only) {
                assertThatThrownBy(() -> PacketCodec.of(v).encode(p)).as("%s in %s", p, v)
                        .isInstanceOf(WireEncodingException.class);
            }
        }
        Packet[] godot4Only = {
            Rpc.of(NodeRef.cached(1), 0), new Relay(0, new Raw(new byte[] {1})), Auth.COMPLETE,
            new SimplifyPath(1, "a", "d41d8cd98f00b204e9800998ecf8427e"), new ConfirmPath(false, NodeRef.path("a")),
            new Despawn(0),
        };
        for (Packet p : godot4Only) {
            Packet routed = new Routed(1, 0, p);
            assertThatThrownBy(() -> PacketCodec.of(GodotVersion.GODOT_3).encode(routed)).as("%s", p)
                    .isInstanceOf(WireEncodingException.class);
        }
    }

    // =====================================================================================
    // Checks
    // =====================================================================================

    private static void assertRoundTripOnEveryVersion(Object value) {
        int carriers = 0;
        for (GodotVersion version : GodotVersion.values()) {
            VariantCodec codec = VariantCodec.of(version);
            if (!canCarry(value, version)) {
                assertThatThrownBy(() -> codec.encode(value)).as("Godot %s cannot carry %s", version, show(value))
                        .isInstanceOf(WireEncodingException.class);
                continue;
            }
            carriers++;
            byte[] bytes = codec.encode(value);
            assertThat(bytes.length % 4).as("length of %s in %s", show(value), version).isZero();
            Object decoded;
            try {
                decoded = codec.decode(bytes);
            } catch (WireFormatException e) {
                throw new AssertionError("Godot " + version + " refuses its own encoding of " + show(value) + ": "
                        + e.getMessage() + "\nbytes " + HEX.formatHex(bytes), e);
            }
            assertDeepEquals(decoded, expected(value, version), value, version);
            byte[] again = codec.encode(decoded);
            if (!Arrays.equals(again, bytes)) {
                fail("Godot %s re-encodes %s differently:%n first %s%n again %s", version, show(decoded),
                        HEX.formatHex(bytes), HEX.formatHex(again));
            }
        }
        assertThat(carriers).as("versions that carry %s", show(value)).isPositive();
    }

    private static void assertDeepEquals(Object actual, Object expected, Object original, GodotVersion version) {
        if (!Variants.deepEquals(actual, expected)) {
            fail("Godot %s round trip of %s%n gave      %s%n expected  %s", version, show(original), show(actual),
                    show(expected));
        }
    }

    /** Encodes, decodes, compares with {@code expected}, re-encodes; returns the bytes. */
    private static byte[] assertPacketRoundTrip(GodotVersion version, Packet packet, Packet expected) {
        PacketCodec codec = PacketCodec.of(version);
        byte[] bytes = codec.encode(packet);
        Packet decoded;
        try {
            decoded = codec.decode(bytes);
        } catch (WireFormatException e) {
            throw new AssertionError("Godot " + version + " refuses its own encoding of " + show(packet) + ": "
                    + e.getMessage() + "\nbytes " + HEX.formatHex(bytes), e);
        }
        if (!decoded.equals(expected)) {
            fail("Godot %s round trip of %s%n gave      %s%n expected  %s%n bytes %s", version, show(packet),
                    show(decoded), show(expected), HEX.formatHex(bytes));
        }
        assertThat(HEX.formatHex(codec.encode(decoded))).as("re-encoding of %s", show(decoded))
                .isEqualTo(HEX.formatHex(bytes));
        return bytes;
    }

    private static byte[] compress(CompressedVariants cv, Object value) {
        WireWriter out = new WireWriter();
        cv.write(out, value);
        return out.toByteArray();
    }

    private static Object decompress(CompressedVariants cv, byte[] bytes) {
        WireReader in = new WireReader(bytes);
        Object v = cv.read(in);
        in.expectEnd("the argument");
        return v;
    }

    /**
     * What {@code version} delivers for {@code v}: Integer, Short and Byte become Long, Float
     * becomes Double, typed containers arrive untyped where the version has no typed header, and a
     * Godot 3 RID carries no id.
     */
    static Object expected(Object v, GodotVersion version) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof Rid && version.isGodot3()) {
            return new Rid(0);
        }
        if (v instanceof List<?> l) {
            return expectedList(l, version);
        }
        if (v instanceof TypedArray t) {
            List<Object> elements = expectedList(t.elements(), version);
            return version.hasTypedArrays() ? new TypedArray(t.elementType(), elements) : elements;
        }
        if (v instanceof Map<?, ?> m) {
            return expectedMap(m, version);
        }
        if (v instanceof TypedDictionary t) {
            Map<Object, Object> entries = expectedMap(t.entries(), version);
            return version.hasTypedDictionaries() ? new TypedDictionary(t.keyType(), t.valueType(), entries) : entries;
        }
        return v;
    }

    static List<Object> expectedList(List<?> l, GodotVersion version) {
        List<Object> out = new ArrayList<>(l.size());
        for (Object e : l) {
            out.add(expected(e, version));
        }
        return out;
    }

    private static Map<Object, Object> expectedMap(Map<?, ?> m, GodotVersion version) {
        Map<Object, Object> out = new LinkedHashMap<>();
        m.forEach((k, val) -> out.put(expected(k, version), expected(val, version)));
        return out;
    }

    /** The Rpc that comes back: a raw-form call with one empty PackedByteArray arrives without arguments, as in Godot. */
    private static Rpc expectedRpc(Rpc rpc, GodotVersion version) {
        List<Object> args = expectedList(rpc.args(), version);
        if (rpc.layout().byteOnlyOrNoArgs() && args.size() == 1 && ((byte[]) args.get(0)).length == 0) {
            args = List.of();
        }
        return new Rpc(rpc.node(), rpc.methodId(), args, rpc.layout());
    }

    /** Whether {@code version} has every type in {@code v} (typed containers it sends untyped only need their elements). */
    static boolean canCarry(Object v, GodotVersion version) {
        VariantType t = Variants.typeOf(v);
        if (version.isGodot3() && (Godot3Variants.godot3Id(t) < 0 || v instanceof Rid r && r.id() != 0)) {
            return false;
        }
        if (t == VariantType.PACKED_VECTOR4_ARRAY && !version.hasPackedVector4Array()) {
            return false;
        }
        if (v instanceof List<?> l) {
            return l.stream().allMatch(e -> canCarry(e, version));
        }
        if (v instanceof TypedArray a) {
            return a.elements().stream().allMatch(e -> canCarry(e, version));
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().allMatch(e -> canCarry(e.getKey(), version) && canCarry(e.getValue(), version));
        }
        if (v instanceof TypedDictionary d) {
            return canCarry(d.entries(), version);
        }
        return true;
    }

    /** A readable rendering: byte arrays as hex, boxed types named where they matter. */
    static String show(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof byte[] b) {
            return "byte[" + HEX.formatHex(b) + "]";
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte || v instanceof Float) {
            return v.getClass().getSimpleName() + "(" + v + ")";
        }
        if (v instanceof Double d) {
            return d + "d" + (Double.isNaN(d) ? "(0x" + Long.toHexString(Double.doubleToRawLongBits(d)) + ")" : "");
        }
        if (v instanceof String s) {
            return '"' + s + '"';
        }
        if (v instanceof List<?> l) {
            return l.stream().map(VariantRoundTripProperties::show).collect(Collectors.joining(", ", "[", "]"));
        }
        if (v instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> show(e.getKey()) + ": " + show(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (v instanceof TypedArray t) {
            return "Array[" + t.elementType().describe() + "]" + show(t.elements());
        }
        if (v instanceof TypedDictionary t) {
            return "Dictionary[" + t.keyType().describe() + ", " + t.valueType().describe() + "]" + show(t.entries());
        }
        if (v instanceof Rpc r) {
            return "Rpc[" + r.node() + ", " + r.methodId() + ", " + show(r.args()) + ", " + r.layout() + "]";
        }
        if (v instanceof RemoteCall r) {
            return "RemoteCall[" + r.node() + ", " + show(r.method()) + ", " + show(r.args()) + "]";
        }
        if (v instanceof RemoteSet r) {
            return "RemoteSet[" + r.node() + ", " + show(r.property()) + ", " + show(r.value()) + "]";
        }
        if (v instanceof Relay r) {
            return "Relay[" + r.peer() + ", " + show(r.inner()) + "]";
        }
        if (v instanceof Routed r) {
            return "Routed[" + r.from() + ", " + r.to() + ", " + show(r.packet()) + "]";
        }
        return v.toString();
    }

    // =====================================================================================
    // Arbitraries: scalars
    // =====================================================================================

    private static final float[] SPECIAL_FLOATS = {
        Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f, 1f, -1f, 0.1f,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 16_777_216f,
        Float.intBitsToFloat(0x7FC0_0001), Float.intBitsToFloat(0xFFC0_0000), Float.intBitsToFloat(0x7F80_0001),
    };

    private static final double[] SPECIAL_DOUBLES = {
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, 1, -1, 0.1, 1e300, -1e-300,
        Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 16_777_217d, 9_007_199_254_740_993d,
        (double) Float.MAX_VALUE * 2, Double.longBitsToDouble(0x7FF0_0000_0000_0001L),
        Double.longBitsToDouble(0xFFF8_0000_0000_0042L),
    };

    /** Longs around every width boundary (8, 16, 32, 64 bits, signed and unsigned) and at random. */
    @Provide
    Arbitrary<Long> longs() {
        return longValues();
    }

    private static Arbitrary<Long> longValues() {
        List<Long> edges = new ArrayList<>();
        for (long base : new long[] {0, 1L << 7, 1L << 8, 1L << 15, 1L << 16, 1L << 31, 1L << 32, 1L << 62}) {
            for (long d = -1; d <= 1; d++) {
                edges.add(base + d);
                edges.add(-base + d);
            }
        }
        edges.add(Long.MIN_VALUE);
        edges.add(Long.MIN_VALUE + 1);
        edges.add(Long.MAX_VALUE);
        edges.add(Long.MAX_VALUE - 1);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(edges)),
                Tuple.of(3, Arbitraries.longs()),
                Tuple.of(2, Arbitraries.integers().map(i -> (long) i)),
                Tuple.of(1, Arbitraries.shorts().map(s -> (long) s)));
    }

    @Provide
    Arbitrary<Integer> intBoxing() {
        return Arbitraries.integers().between(0, 3);
    }

    @Provide
    Arbitrary<Double> doubles() {
        return doubleValues();
    }

    private static Arbitrary<Double> doubleValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, f32s()),
                Tuple.of(2, Arbitraries.longs().map(Double::longBitsToDouble)),
                Tuple.of(1, Arbitraries.doubles()),
                Tuple.of(2, Arbitraries.of(Arrays.stream(SPECIAL_DOUBLES).boxed().toList())));
    }

    /** f32-representable doubles: random bit patterns (NaN payloads, subnormals), ordinary and special floats. */
    private static Arbitrary<Double> f32s() {
        List<Double> specials = new ArrayList<>();
        for (float f : SPECIAL_FLOATS) {
            specials.add((double) f);
        }
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.floats().map(f -> (double) f)),
                Tuple.of(2, Arbitraries.integers().map(bits -> (double) Float.intBitsToFloat(bits))),
                Tuple.of(1, Arbitraries.integers().between(-1000, 1000).map(i -> (double) i)),
                Tuple.of(2, Arbitraries.of(specials)));
    }

    private static Arbitrary<Float> floats32() {
        return f32s().map(d -> (float) (double) d);
    }

    private static Arbitrary<Integer> i32s() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers()),
                Tuple.of(1, Arbitraries.of(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 255, 256, 65535, 65536)));
    }

    private static Arbitrary<Object> intValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, longValues().map(l -> (Object) l)),
                Tuple.of(1, Arbitraries.integers().map(i -> (Object) i)),
                Tuple.of(1, Arbitraries.shorts().map(s -> (Object) s)),
                Tuple.of(1, Arbitraries.bytes().map(b -> (Object) b)));
    }

    private static Arbitrary<Object> floatValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, doubleValues().map(d -> (Object) d)),
                Tuple.of(1, floats32().map(f -> (Object) f)));
    }

    /** Unicode without U+0000 and surrogates: ASCII, 2- and 3-byte UTF-8, supplementary planes. */
    static Arbitrary<String> strings() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 0x7F)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0x7FF)),
                Tuple.of(2, Arbitraries.integers().between(0x800, 0xD7FF)),
                Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                Tuple.of(2, Arbitraries.integers().between(0x1_0000, 0x10_FFFF)));
        return Arbitraries.frequencyOf(
                Tuple.of(6, codePoint.list().ofMaxSize(12)),
                Tuple.of(1, codePoint.list().ofMinSize(13).ofMaxSize(80)))
                .map(cps -> new String(cps.stream().mapToInt(Integer::intValue).toArray(), 0, cps.size()));
    }

    private static Arbitrary<byte[]> byteArrays(int max) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(max);
    }

    private static Arbitrary<Vector2> vector2s() {
        return Combinators.combine(f32s(), f32s()).as(Vector2::new);
    }

    private static Arbitrary<Vector3> vector3s() {
        return Combinators.combine(f32s(), f32s(), f32s()).as(Vector3::new);
    }

    private static Arbitrary<Vector4> vector4s() {
        return Combinators.combine(f32s(), f32s(), f32s(), f32s()).as(Vector4::new);
    }

    private static Arbitrary<Vector2i> vector2is() {
        return Combinators.combine(i32s(), i32s()).as(Vector2i::new);
    }

    private static Arbitrary<Color> colors() {
        return Combinators.combine(f32s(), f32s(), f32s(), f32s()).as(Color::new);
    }

    private static Arbitrary<Basis> bases() {
        return Combinators.combine(vector3s(), vector3s(), vector3s()).as(Basis::new);
    }

    private static Arbitrary<ObjectId> objectIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs()),
                Tuple.of(1, Arbitraries.of(1L, -1L, Long.MIN_VALUE, Long.MAX_VALUE, 0x1_0000_0000L)))
                .filter(id -> id != 0).map(ObjectId::new);
    }

    /** One value of a non-container type. */
    private static Arbitrary<Object> leaf(VariantType t, Profile p) {
        Arbitrary<?> a = switch (t) {
            case NIL -> Arbitraries.just(null);
            case BOOL -> Arbitraries.of(true, false);
            case INT -> intValues();
            case FLOAT -> floatValues();
            case STRING -> strings();
            case VECTOR2 -> vector2s();
            case VECTOR2I -> vector2is();
            case RECT2 -> Combinators.combine(vector2s(), vector2s()).as(Rect2::new);
            case RECT2I -> Combinators.combine(vector2is(), vector2is()).as(Rect2i::new);
            case VECTOR3 -> vector3s();
            case VECTOR3I -> Combinators.combine(i32s(), i32s(), i32s()).as(Vector3i::new);
            case TRANSFORM2D -> Combinators.combine(vector2s(), vector2s(), vector2s()).as(Transform2D::new);
            case VECTOR4 -> vector4s();
            case VECTOR4I -> Combinators.combine(i32s(), i32s(), i32s(), i32s()).as(Vector4i::new);
            case PLANE -> Combinators.combine(vector3s(), f32s()).as(Plane::new);
            case QUATERNION -> Combinators.combine(f32s(), f32s(), f32s(), f32s()).as(Quaternion::new);
            case AABB -> Combinators.combine(vector3s(), vector3s()).as(AABB::new);
            case BASIS -> bases();
            case TRANSFORM3D -> Combinators.combine(bases(), vector3s()).as(Transform3D::new);
            case PROJECTION -> Combinators.combine(vector4s(), vector4s(), vector4s(), vector4s()).as(Projection::new);
            case COLOR -> colors();
            case STRING_NAME -> strings().map(StringName::new);
            case NODE_PATH -> Combinators.combine(strings().list().ofMaxSize(4), strings().list().ofMaxSize(3),
                    Arbitraries.of(true, false)).as(NodePath::new);
            case RID -> p == Profile.GODOT_3 ? Arbitraries.just(new Rid(0))
                    : Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(0L, -1L, Long.MIN_VALUE)).map(Rid::new);
            case OBJECT -> objectIds();
            case CALLABLE -> Arbitraries.just(Callable.EMPTY);
            case SIGNAL -> Combinators.combine(strings(), Arbitraries.longs()).as(Signal::new);
            case PACKED_BYTE_ARRAY -> Arbitraries.frequencyOf(Tuple.of(6, byteArrays(9)), Tuple.of(1, byteArrays(300)));
            case PACKED_INT32_ARRAY -> i32s().list().ofMaxSize(8)
                    .map(l -> new PackedInt32Array(l.stream().mapToInt(Integer::intValue).toArray()));
            case PACKED_INT64_ARRAY -> longValues().list().ofMaxSize(8)
                    .map(l -> new PackedInt64Array(l.stream().mapToLong(Long::longValue).toArray()));
            case PACKED_FLOAT32_ARRAY -> floats32().list().ofMaxSize(8).map(l -> {
                float[] v = new float[l.size()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = l.get(i);
                }
                return new PackedFloat32Array(v);
            });
            case PACKED_FLOAT64_ARRAY -> doubleValues().list().ofMaxSize(8)
                    .map(l -> new PackedFloat64Array(l.stream().mapToDouble(Double::doubleValue).toArray()));
            case PACKED_STRING_ARRAY -> strings().list().ofMaxSize(6).map(PackedStringArray::new);
            case PACKED_VECTOR2_ARRAY -> vector2s().list().ofMaxSize(6).map(PackedVector2Array::new);
            case PACKED_VECTOR3_ARRAY -> vector3s().list().ofMaxSize(6).map(PackedVector3Array::new);
            case PACKED_COLOR_ARRAY -> colors().list().ofMaxSize(6).map(PackedColorArray::new);
            case PACKED_VECTOR4_ARRAY -> vector4s().list().ofMaxSize(6).map(PackedVector4Array::new);
            case ARRAY, DICTIONARY -> throw new IllegalArgumentException(t + " is a container");
        };
        return a.map(v -> (Object) v);
    }

    // =====================================================================================
    // Arbitraries: containers, to a bounded depth
    // =====================================================================================

    private static final Map<String, Arbitrary<Object>> MEMO = new HashMap<>();

    private static synchronized Arbitrary<Object> memo(String key, java.util.function.Supplier<Arbitrary<Object>> make) {
        Arbitrary<Object> a = MEMO.get(key);
        if (a == null) {
            a = make.get();
            MEMO.put(key, a);
        }
        return a;
    }

    /** Any value of profile {@code p} with containers nested at most {@code depth} levels. */
    static Arbitrary<Object> value(Profile p, int depth) {
        return memo("value " + p + " " + depth, () -> {
            List<Tuple2<Integer, Arbitrary<Object>>> choices = new ArrayList<>();
            for (VariantType t : p.leafTypes()) {
                choices.add(Tuple.of(1, leaf(t, p)));
            }
            if (depth > 0) {
                int weight = p.leafTypes().size() / 2; // about half of all values are containers
                choices.add(Tuple.of(weight, array(p, depth)));
                choices.add(Tuple.of(weight, dictionary(p, depth)));
            }
            return Arbitraries.frequencyOf(choices);
        });
    }

    /** A value of type {@code t}; a container holds values nested at most {@code depth - 1} further. */
    static Arbitrary<Object> ofType(VariantType t, Profile p, int depth) {
        if (t == VariantType.ARRAY) {
            return array(p, Math.max(depth, 1));
        }
        if (t == VariantType.DICTIONARY) {
            return dictionary(p, Math.max(depth, 1));
        }
        return memo("leaf " + t + " " + p, () -> leaf(t, p));
    }

    /** An Array (List or TypedArray) whose elements nest at most {@code depth - 1} levels. */
    private static Arbitrary<Object> array(Profile p, int depth) {
        return memo("array " + p + " " + depth, () -> {
            Arbitrary<Object> untyped = value(p, depth - 1).list().ofMaxSize(4).map(l -> (Object) new ArrayList<>(l));
            Arbitrary<Object> typed = containerType(p, depth).flatMap(ct -> elementOf(ct, p, depth).list().ofMaxSize(4)
                    .map(l -> (Object) new TypedArray(ct, l)));
            return Arbitraries.frequencyOf(Tuple.of(3, untyped), Tuple.of(2, typed));
        });
    }

    private static Arbitrary<Object> dictionary(Profile p, int depth) {
        return memo("dictionary " + p + " " + depth, () -> {
            Arbitrary<Object> keys = Arbitraries.frequencyOf(Tuple.of(3, value(p, 0)), Tuple.of(1, value(p, depth - 1)));
            Arbitrary<Object> untyped = Combinators.combine(keys, value(p, depth - 1)).as(Tuple::of).list().ofMaxSize(4)
                    .map(entries -> (Object) buildMap(entries));
            Arbitrary<ContainerType> keyOrAny = Arbitraries.frequencyOf(
                    Tuple.of(1, Arbitraries.just(ContainerType.ANY)), Tuple.of(3, containerType(p, depth)));
            Arbitrary<Object> typed = Combinators.combine(keyOrAny, keyOrAny).as(Tuple::of)
                    .filter(kv -> !(kv.get1() instanceof ContainerType.Any && kv.get2() instanceof ContainerType.Any))
                    .flatMap(kv -> Combinators.combine(elementOf(kv.get1(), p, depth), elementOf(kv.get2(), p, depth))
                            .as(Tuple::of).list().ofMaxSize(4)
                            .map(entries -> (Object) new TypedDictionary(kv.get1(), kv.get2(), buildMap(entries))));
            return Arbitraries.frequencyOf(Tuple.of(3, untyped), Tuple.of(2, typed));
        });
    }

    /**
     * Element type of a typed container at nesting {@code depth}: any builtin the profile has (the
     * container builtins only when there is depth left for them), a class name or a script path.
     */
    private static Arbitrary<ContainerType> containerType(Profile p, int depth) {
        List<VariantType> builtins = p.types().stream()
                .filter(t -> t != VariantType.NIL && (depth >= 2 || !isContainer(t))).toList();
        return Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.of(builtins).map(t -> (ContainerType) new ContainerType.Builtin(t))),
                Tuple.of(1, Arbitraries.oneOf(Arbitraries.just("Node"), strings())
                        .map(n -> (ContainerType) new ContainerType.ClassName(n))),
                Tuple.of(1, strings().map(s -> (ContainerType) new ContainerType.Script("res://" + s + ".gd"))));
    }

    /** An element a container of type {@code ct} at nesting {@code depth} admits. */
    private static Arbitrary<Object> elementOf(ContainerType ct, Profile p, int depth) {
        if (ct instanceof ContainerType.Any) {
            return value(p, depth - 1);
        }
        if (ct instanceof ContainerType.Builtin b && b.type() != VariantType.OBJECT) {
            return ofType(b.type(), p, depth - 1);
        }
        return memo("objectOrNull", () -> Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.just(null)), Tuple.of(3, objectIds().map(o -> (Object) o))));
    }

    /**
     * Entries in order, keeping the first of keys that would become equal once decoded (Integer 1
     * and Long 1, a TypedArray and a List of the same elements): a decoder's Dictionary keeps one.
     */
    private static Map<Object, Object> buildMap(List<Tuple2<Object, Object>> entries) {
        Map<Object, Object> map = new LinkedHashMap<>();
        Set<Object> seen = new HashSet<>();
        for (Tuple2<Object, Object> e : entries) {
            if (seen.add(collapsed(e.get1()))) {
                map.put(e.get1(), e.get2());
            }
        }
        return map;
    }

    /** The most down-converted form of a value (as Godot 3 delivers it): equal here means one key after decoding. */
    private static Object collapsed(Object v) {
        return expected(v, GodotVersion.GODOT_3);
    }

    // =====================================================================================
    // Providers
    // =====================================================================================

    private static final int DEPTH = 3;

    @Provide
    Arbitrary<Object> anyTypedValue() {
        return Arbitraries.of(VariantType.class).flatMap(t -> ofType(t, Profile.GODOT_4_3_PLUS, DEPTH));
    }

    @Provide
    Arbitrary<Object> godot4Values() {
        return value(Profile.GODOT_4_3_PLUS, DEPTH);
    }

    @Provide
    Arbitrary<Object> godot4_0Values() {
        return value(Profile.GODOT_4_0, DEPTH);
    }

    @Provide
    Arbitrary<Object> godot3Values() {
        return value(Profile.GODOT_3, DEPTH);
    }

    @Provide
    Arbitrary<GodotVersion> godot4Versions() {
        return Arbitraries.of(GODOT_4);
    }

    @Provide
    Arbitrary<String> digitLikeMd5() {
        Arbitrary<Character> hexish = Arbitraries.frequencyOf(
                Tuple.of(20, Arbitraries.of("0123456789abcdefABCDEF".toCharArray())),
                Tuple.of(1, Arbitraries.of('\uFF10', '\uFF21', '\uFF41', '\u0663', '\u0967', 'g', 'G', ' ')));
        return hexish.list().ofSize(32).map(l -> l.stream().map(String::valueOf).collect(Collectors.joining()));
    }

    // ---- packets

    private static Arbitrary<Integer> cacheIds() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 0xFF)),
                Tuple.of(2, Arbitraries.integers().between(0x100, 0xFFFF)),
                Tuple.of(2, Arbitraries.integers().between(0x1_0000, Integer.MAX_VALUE)),
                Tuple.of(2, Arbitraries.of(0, 0xFF, 0x100, 0xFFFF, 0x1_0000, Integer.MAX_VALUE)));
    }

    private static Arbitrary<String> md5s() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofSize(16).map(HEX::formatHex),
                Arbitraries.just("d41d8cd98f00b204e9800998ecf8427e"));
    }

    private record Target(NodeRef node, int nodeIdBytes) {
    }

    private record Method(int id, int bytes) {
    }

    private record Args(List<Object> values, boolean raw) {
    }

    private static Arbitrary<Target> targets() {
        Arbitrary<Target> cached = cacheIds().flatMap(id -> {
            List<Integer> widths = id <= 0xFF ? List.of(1, 2, 4) : id <= 0xFFFF ? List.of(2, 4) : List.of(4);
            return Arbitraries.of(widths).map(w -> new Target(new NodeRef.Cached(id), w));
        });
        Arbitrary<Target> path = strings().map(s -> new Target(new NodeRef.Path(s), 4));
        return Arbitraries.frequencyOf(Tuple.of(3, cached), Tuple.of(1, path));
    }

    private static Arbitrary<Method> methods() {
        Arbitrary<Integer> ids = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0, 0xFF)),
                Tuple.of(2, Arbitraries.integers().between(0x100, 0xFFFF)),
                Tuple.of(1, Arbitraries.of(0, 0xFF, 0x100, 0xFFFF)));
        return ids.flatMap(id -> Arbitraries.of(id <= 0xFF ? List.of(1, 2) : List.of(2)).map(b -> new Method(id, b)));
    }

    /** Arguments: none, one PackedByteArray (raw form or not), a few Variants, or many small ones. */
    private static Arbitrary<Args> rpcArgs(Profile p) {
        Arbitrary<Boolean> raw = Arbitraries.of(true, false);
        Arbitrary<Object> small = Arbitraries.oneOf(leaf(VariantType.INT, p), leaf(VariantType.BOOL, p),
                leaf(VariantType.FLOAT, p), leaf(VariantType.NIL, p), leaf(VariantType.VECTOR2, p));
        return Arbitraries.frequencyOf(
                Tuple.of(2, raw.map(r -> new Args(List.of(), r))),
                Tuple.of(3, Combinators.combine(
                        Arbitraries.frequencyOf(Tuple.of(4, byteArrays(40)), Tuple.of(1, byteArrays(2000))), raw)
                        .as((b, r) -> new Args(List.of(b), r))),
                Tuple.of(6, value(p, 1).list().ofMinSize(1).ofMaxSize(6).map(l -> new Args(l, false))),
                Tuple.of(2, value(p, DEPTH - 1).map(v -> new Args(java.util.Collections.singletonList(v), false))),
                Tuple.of(1, small.list().ofMinSize(200).ofMaxSize(Rpc.MAX_ARGS).map(l -> new Args(l, false))));
    }

    private static Arbitrary<Rpc> rpc(GodotVersion version) {
        return Combinators.combine(targets(), methods(), rpcArgs(Profile.of(version))).as((t, m, a) -> new Rpc(t.node(),
                m.id(), a.values(), new RpcLayout(t.nodeIdBytes(), m.bytes(), a.raw())));
    }

    @Provide
    Arbitrary<Tuple2<GodotVersion, Rpc>> rpcs() {
        return godot4Versions().flatMap(v -> rpc(v).map(r -> Tuple.of(v, r)));
    }

    private static Arbitrary<Packet> simplifyPath4() {
        return Combinators.combine(cacheIds(), strings(), md5s()).as((id, path, md5) -> new SimplifyPath(id, path, md5));
    }

    private static Arbitrary<Packet> confirmPath(GodotVersion v) {
        Arbitrary<NodeRef> node = v.confirmsPathById() ? cacheIds().map(NodeRef::cached) : strings().map(NodeRef::path);
        return Combinators.combine(Arbitraries.of(true, false), node).as(ConfirmPath::new);
    }

    private static Arbitrary<Packet> raws() {
        return Arbitraries.frequencyOf(Tuple.of(4, byteArrays(40)), Tuple.of(1, byteArrays(3000)))
                .filter(b -> b.length > 0).map(Raw::new);
    }

    /** SPAWN, DESPAWN, SYNC and DELTA with property values any Godot 4 line can carry. */
    private static Arbitrary<Packet> replications() {
        Profile p = Profile.GODOT_4_0;
        // values as the decoder gives them back (ints as Long), so a round trip compares equal
        Arbitrary<List<Object>> values = Arbitraries.oneOf(Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.of(true, false).map(b -> (Object) b), doubleValues().map(d -> (Object) d), leaf(VariantType.NIL, p),
                leaf(VariantType.VECTOR3, p), leaf(VariantType.STRING, p)).list().ofMaxSize(5);
        Arbitrary<List<Object>> someValues = values.filter(l -> !l.isEmpty());
        Arbitrary<Integer> ids = Arbitraries.integers();
        Arbitrary<String> names = Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12);
        Arbitrary<Packet> spawn = Combinators.combine(Arbitraries.integers().between(0, Spawn.CUSTOM), ids, ids,
                ids.list().ofMaxSize(4), names, values, Arbitraries.longs()).as((scene, spawner, net, syncIds,
                        name, state, arg) -> new Spawn(scene, spawner, net, syncIds, name,
                        scene == Spawn.CUSTOM ? arg : null, state));
        Arbitrary<Packet> sync = Combinators.combine(Arbitraries.integers().between(0, 0xFFFF),
                Combinators.combine(ids, someValues).as(SyncState::new).list().ofMinSize(1).ofMaxSize(4)).as(Sync::new);
        Arbitrary<Packet> delta = Combinators.combine(ids, someValues).as((id, v) -> new DeltaState(id,
                (1L << v.size()) - 1, v)).list().ofMinSize(1).ofMaxSize(4).map(Delta::new);
        return Arbitraries.oneOf(spawn, ids.map(Despawn::new), sync, delta);
    }

    @Provide
    Arbitrary<Tuple2<GodotVersion, Packet>> godot4PathPackets() {
        return godot4Versions().flatMap(v -> Arbitraries.oneOf(simplifyPath4(), confirmPath(v)).map(p -> Tuple.of(v, p)));
    }

    @Provide
    Arbitrary<Tuple2<GodotVersion, Packet>> godot4SysPackets() {
        Arbitrary<Packet> packets = Arbitraries.oneOf(
                Arbitraries.integers().map(AddPeer::new),
                Arbitraries.integers().map(DelPeer::new),
                byteArrays(60).map(Auth::new),
                raws(),
                replications());
        return godot4Versions().flatMap(v -> packets.map(p -> Tuple.of(v, p)));
    }

    @Provide
    Arbitrary<Tuple2<GodotVersion, Relay>> relays() {
        Arbitrary<Integer> peers = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers()),
                Tuple.of(1, Arbitraries.of(0, 1, -1, 2, Integer.MIN_VALUE, Integer.MAX_VALUE)));
        return godot4Versions().flatMap(v -> {
            Arbitrary<Packet> inner = Arbitraries.frequencyOf(
                    Tuple.of(4, rpc(v).map(r -> (Packet) r)),
                    Tuple.of(1, simplifyPath4()),
                    Tuple.of(1, confirmPath(v)),
                    Tuple.of(1, raws()),
                    Tuple.of(1, replications()));
            return Combinators.combine(peers, inner).as((peer, p) -> Tuple.of(v, new Relay(peer, p)));
        });
    }

    @Provide
    Arbitrary<Routed> godot3Packets() {
        Profile p = Profile.GODOT_3;
        Arbitrary<NodeRef> nodes = Arbitraries.frequencyOf(
                Tuple.of(3, cacheIds().map(NodeRef::cached)), Tuple.of(1, strings().map(NodeRef::path)));
        Arbitrary<Object> small = Arbitraries.oneOf(leaf(VariantType.INT, p), leaf(VariantType.BOOL, p),
                leaf(VariantType.NIL, p));
        Arbitrary<List<Object>> args = Arbitraries.<List<Object>>frequencyOf(
                Tuple.of(1, Arbitraries.just(List.of())),
                Tuple.of(6, value(p, 1).list().ofMinSize(1).ofMaxSize(6)),
                Tuple.of(1, value(p, DEPTH - 1).map(java.util.Collections::singletonList)),
                Tuple.of(1, small.list().ofMinSize(200).ofMaxSize(Rpc.MAX_ARGS)));
        Arbitrary<Packet> inner = Arbitraries.<Packet>frequencyOf(
                Tuple.of(4, Combinators.combine(nodes, strings(), args).as(RemoteCall::new)),
                Tuple.of(3, Combinators.combine(nodes, strings(), value(p, DEPTH - 1)).as(RemoteSet::new)),
                Tuple.of(1, Combinators.combine(cacheIds(), strings()).as(SimplifyPath::godot3)),
                Tuple.of(1, strings().map(s -> new ConfirmPath(true, NodeRef.path(s)))),
                Tuple.of(1, raws()),
                Tuple.of(1, Arbitraries.integers().map(PeerId::new)),
                Tuple.of(1, Arbitraries.integers().map(AddPeer::new)),
                Tuple.of(1, Arbitraries.integers().map(DelPeer::new)));
        Arbitrary<Integer> ids = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers()), Tuple.of(1, Arbitraries.of(0, 1, -1, Integer.MIN_VALUE)));
        return Combinators.combine(ids, ids, inner).as(Routed::new);
    }
}
