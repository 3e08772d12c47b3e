package dev.godotload.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

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
 * Feeds a million malformed messages to every decoder: random bytes and mutations of valid
 * encodings (bit flips, interesting bytes, truncations, extensions, huge counts at 4-aligned
 * offsets, duplicated and deleted slices, splices). The only exception a decoder may throw is
 * {@link WireFormatException}; what it does decode must re-encode to something that decodes to
 * the same value. Inputs come from a fixed seed ({@code -Dgodotload.fuzz.seed=…} to try others),
 * and every failure names the seed, the input's index and its hex.
 *
 * <p>Also: crafted counts of 2^31-1 and 2^32-1 must be refused quickly without allocating for
 * them, nested Arrays declaring as many elements as the bytes left must not reserve memory level
 * after level, and 1024 nested containers (Godot's limit) must decode on a default-sized stack.
 */
class WireFuzzTest {

    private static final long SEED = Long.getLong("godotload.fuzz.seed", 0x60D0_F022_2026L);
    private static final int INPUTS = 1_000_000;
    /**
     * The run is time-boxed, not timed: on a busy machine it stops at {@link #DEADLINE} and passes if
     * it got this far. A decoder that loops on one input is caught by the watchdog instead, and one
     * that crawls (say, quadratic in the length) cannot reach this many inputs in the time.
     */
    private static final int MIN_INPUTS = 50_000;
    /** The run stops and fails past this, rather than hang a build. */
    private static final Duration DEADLINE = Duration.ofSeconds(25);
    private static final HexFormat HEX = HexFormat.of();
    private static final GodotVersion[] GODOT_4 = {GodotVersion.GODOT_4_0, GodotVersion.GODOT_4_3, GodotVersion.GODOT_4_4};

    /** A decoder under test and the encoder of what it decodes. */
    private record Target(String name, Function<byte[], Object> decode, Function<Object, byte[]> encode) {
    }

    private static List<Target> targets() {
        List<Target> t = new ArrayList<>();
        for (GodotVersion v : GodotVersion.values()) {
            PacketCodec codec = PacketCodec.of(v);
            t.add(new Target("PacketCodec(" + v + ").decode", codec::decode, p -> codec.encode((Packet) p)));
        }
        Godot4Packets g4 = Godot4Packets.of(GodotVersion.GODOT_4_3);
        t.add(new Target("Godot4Packets.decodePeerId", g4::decodePeerId, p -> g4.encode((Packet) p)));
        for (GodotVersion v : GodotVersion.values()) {
            VariantCodec codec = VariantCodec.of(v);
            t.add(new Target("VariantCodec(" + v + ").decode", codec::decode, codec::encode));
        }
        for (GodotVersion v : GODOT_4) {
            CompressedVariants cv = new CompressedVariants(Godot4Variants.of(v));
            t.add(new Target("CompressedVariants(" + v + ").read", b -> {
                WireReader in = new WireReader(b);
                Object value = cv.read(in);
                in.expectEnd("the argument");
                return value;
            }, value -> {
                WireWriter out = new WireWriter();
                cv.write(out, value);
                return out.toByteArray();
            }));
        }
        return t;
    }

    // =====================================================================================
    // The fuzz run
    // =====================================================================================

    @Test
    void onlyWireFormatExceptionEscapesUpToAMillionMalformedMessages() throws Exception {
        // A separate thread with an explicit default-sized stack, so the run neither depends on
        // the runner's thread nor hangs the build: past the deadline it is abandoned and fails.
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread worker = new Thread(null, () -> {
            try {
                outcome.set(fuzz());
            } catch (Throwable e) {
                outcome.set(e);
            }
        }, "wire-fuzz", 1024 * 1024);
        worker.setDaemon(true);
        long start = System.nanoTime();
        worker.start();
        worker.join(DEADLINE.toMillis() + 5_000);
        if (worker.isAlive()) {
            StringBuilder where = new StringBuilder();
            for (StackTraceElement e : Arrays.copyOf(worker.getStackTrace(), Math.min(40, worker.getStackTrace().length))) {
                where.append("\n    at ").append(e);
            }
            byte[] input = current;
            throw new AssertionError("fuzz run still running after " + DEADLINE.plusSeconds(5)
                    + ": a decoder loops or crawls on input #" + currentIndex + " (seed " + SEED + ", " + input.length
                    + " bytes, saved in " + save(input, currentIndex) + ")" + where);
        }
        if (outcome.get() instanceof Throwable t) {
            if (t instanceof Error e) {
                throw e;
            }
            throw new AssertionError(t);
        }
        Stats stats = (Stats) outcome.get();
        System.out.printf("wire fuzz: seed %d, %,d inputs, %,d decodes (%,d decoded, %,d rejected), %.1f s%n",
                SEED, stats.inputs, stats.totalOk() + stats.totalRejected(), stats.totalOk(), stats.totalRejected(),
                (System.nanoTime() - start) / 1e9);
        for (int i = 0; i < stats.names.size(); i++) {
            System.out.printf("  %-34s %,9d decoded %,9d rejected%n", stats.names.get(i), stats.ok[i], stats.rejected[i]);
        }
        assertThat(stats.inputs).as("inputs fuzzed within %s (seed %d)", DEADLINE, SEED).isGreaterThanOrEqualTo(MIN_INPUTS);
        for (int i = 0; i < stats.names.size(); i++) {
            assertThat(stats.ok[i]).as("inputs %s decoded (seed %d)", stats.names.get(i), SEED).isPositive();
            assertThat(stats.rejected[i]).as("inputs %s rejected (seed %d)", stats.names.get(i), SEED).isPositive();
        }
    }

    private static final class Stats {
        final List<String> names;
        final long[] ok;
        final long[] rejected;
        int inputs;

        Stats(List<Target> targets) {
            names = targets.stream().map(Target::name).toList();
            ok = new long[targets.size()];
            rejected = new long[targets.size()];
        }

        long totalOk() {
            return Arrays.stream(ok).sum();
        }

        long totalRejected() {
            return Arrays.stream(rejected).sum();
        }
    }

    /** The input being decoded, for the report when the run does not finish. */
    private static volatile byte[] current = new byte[0];
    private static volatile int currentIndex;

    private static Stats fuzz() {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        Random random = new Random(SEED);
        List<byte[]> corpus = corpus(new Random(SEED ^ 0x5DEECE66DL));
        List<Target> targets = targets();
        Stats stats = new Stats(targets);
        Mutator mutator = new Mutator(random, corpus);
        System.out.printf("wire fuzz corpus: %d valid encodings, %d over 4 KiB, largest %,d bytes%n", corpus.size(),
                corpus.stream().filter(c -> c.length > 4096).count(), corpus.stream().mapToInt(c -> c.length).max().orElse(0));
        for (int i = 0; i < INPUTS; i++) {
            if ((i & 1023) == 0 && System.nanoTime() > deadline) {
                System.out.printf("wire fuzz: stopped at the %s time box after %,d of %,d inputs%n", DEADLINE, i, INPUTS);
                break;
            }
            byte[] input = mutator.next();
            current = input;
            currentIndex = i;
            for (int t = 0; t < targets.size(); t++) {
                if (check(targets.get(t), input, i)) {
                    stats.ok[t]++;
                } else {
                    stats.rejected[t]++;
                }
            }
            stats.inputs++;
        }
        return stats;
    }

    /** Decodes {@code input}; true when it decoded (and survived a re-encode), false when refused. */
    private static boolean check(Target target, byte[] input, int index) {
        Object value;
        try {
            value = target.decode.apply(input);
        } catch (WireFormatException e) {
            if (e.offset() < 0 || e.offset() > input.length) {
                throw failure(target, input, index, "names offset " + e.offset() + " outside the message: "
                        + e.getMessage(), e);
            }
            return false;
        } catch (Throwable e) {
            throw failure(target, input, index, "threw " + e, e);
        }
        byte[] again;
        try {
            again = target.encode.apply(value);
        } catch (WireEncodingException e) {
            if (e.getMessage().contains("bytes, over")) {
                return true; // canonical re-encoding may grow past the message limit (PackedStringArray NULs)
            }
            throw failure(target, input, index, "decoded a value its encoder refuses: " + e.getMessage(), e);
        } catch (Throwable e) {
            throw failure(target, input, index, "re-encoding the decoded value threw " + e, e);
        }
        Object back;
        try {
            back = target.decode.apply(again);
        } catch (Throwable e) {
            throw failure(target, input, index, "the re-encoding " + HEX.formatHex(again) + " does not decode: " + e, e);
        }
        // The decoder also takes math types in the f64 form of double-precision engine builds; the
        // encoder writes the f32 form of official builds, so those come back rounded to f32.
        Object expected = realsToF32(value);
        if (!Variants.deepEquals(back, expected)) {
            throw failure(target, input, index, "decoded " + VariantRoundTripProperties.show(value)
                    + " but its re-encoding decodes to " + VariantRoundTripProperties.show(back), null);
        }
        return true;
    }

    /** {@code v} with the reals of its math types (vectors, transforms … and their packed arrays) rounded to f32. */
    @SuppressWarnings("unchecked")
    static Object realsToF32(Object v) {
        if (v instanceof Vector2 a) {
            return new Vector2(f32(a.x()), f32(a.y()));
        } else if (v instanceof Vector3 a) {
            return new Vector3(f32(a.x()), f32(a.y()), f32(a.z()));
        } else if (v instanceof Vector4 a) {
            return new Vector4(f32(a.x()), f32(a.y()), f32(a.z()), f32(a.w()));
        } else if (v instanceof Rect2 a) {
            return new Rect2((Vector2) realsToF32(a.position()), (Vector2) realsToF32(a.size()));
        } else if (v instanceof Transform2D a) {
            return new Transform2D((Vector2) realsToF32(a.x()), (Vector2) realsToF32(a.y()), (Vector2) realsToF32(a.origin()));
        } else if (v instanceof Plane a) {
            return new Plane((Vector3) realsToF32(a.normal()), f32(a.d()));
        } else if (v instanceof Quaternion a) {
            return new Quaternion(f32(a.x()), f32(a.y()), f32(a.z()), f32(a.w()));
        } else if (v instanceof AABB a) {
            return new AABB((Vector3) realsToF32(a.position()), (Vector3) realsToF32(a.size()));
        } else if (v instanceof Basis a) {
            return new Basis((Vector3) realsToF32(a.row0()), (Vector3) realsToF32(a.row1()), (Vector3) realsToF32(a.row2()));
        } else if (v instanceof Transform3D a) {
            return new Transform3D((Basis) realsToF32(a.basis()), (Vector3) realsToF32(a.origin()));
        } else if (v instanceof Projection a) {
            return new Projection((Vector4) realsToF32(a.x()), (Vector4) realsToF32(a.y()), (Vector4) realsToF32(a.z()),
                    (Vector4) realsToF32(a.w()));
        } else if (v instanceof PackedVector2Array a) {
            return new PackedVector2Array(a.values().stream().map(e -> (Vector2) realsToF32(e)).toList());
        } else if (v instanceof PackedVector3Array a) {
            return new PackedVector3Array(a.values().stream().map(e -> (Vector3) realsToF32(e)).toList());
        } else if (v instanceof PackedVector4Array a) {
            return new PackedVector4Array(a.values().stream().map(e -> (Vector4) realsToF32(e)).toList());
        } else if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(e -> out.add(realsToF32(e)));
            return out;
        } else if (v instanceof TypedArray t) {
            return new TypedArray(t.elementType(), (List<Object>) realsToF32(t.elements()));
        } else if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, e) -> out.put(realsToF32(k), realsToF32(e)));
            return out;
        } else if (v instanceof TypedDictionary t) {
            return new TypedDictionary(t.keyType(), t.valueType(), (Map<Object, Object>) realsToF32(t.entries()));
        } else if (v instanceof Rpc r) {
            return new Rpc(r.node(), r.methodId(), (List<Object>) realsToF32(r.args()), r.layout());
        } else if (v instanceof Spawn s) {
            return new Spawn(s.sceneIndex(), s.spawnerCacheId(), s.netId(), s.syncIds(), s.name(),
                    realsToF32(s.customArgument()), (List<Object>) realsToF32(s.state()));
        } else if (v instanceof Sync s) {
            return new Sync(s.time(), s.states().stream()
                    .map(e -> new SyncState(e.netId(), (List<Object>) realsToF32(e.values()))).toList());
        } else if (v instanceof Delta d) {
            return new Delta(d.states().stream()
                    .map(e -> new DeltaState(e.netId(), e.indexes(), (List<Object>) realsToF32(e.values()))).toList());
        } else if (v instanceof Relay r) {
            return new Relay(r.peer(), (Packet) realsToF32(r.inner()));
        } else if (v instanceof Routed r) {
            return new Routed(r.from(), r.to(), (Packet) realsToF32(r.packet()));
        } else if (v instanceof RemoteCall c) {
            return new RemoteCall(c.node(), c.method(), (List<Object>) realsToF32(c.args()));
        } else if (v instanceof RemoteSet s) {
            return new RemoteSet(s.node(), s.property(), realsToF32(s.value()));
        }
        return v;
    }

    private static double f32(double d) {
        return (float) d;
    }

    private static AssertionError failure(Target target, byte[] input, int index, String what, Throwable cause) {
        String hex = HEX.formatHex(input);
        return new AssertionError(target.name + " " + what + "\n  seed " + SEED + ", input #" + index + ", "
                + input.length + " bytes (hex saved in " + save(input, index) + ")\n  input "
                + (hex.length() > 4000 ? hex.substring(0, 4000) + "…" : hex), cause);
    }

    /** Writes a failing input's hex under target/ and returns where (or why not). */
    private static String save(byte[] input, int index) {
        Path saved = Path.of("target", "wire-fuzz-failure-" + SEED + "-" + index + ".hex");
        try {
            Files.createDirectories(saved.getParent());
            Files.writeString(saved, HEX.formatHex(input) + "\n");
            return saved.toString();
        } catch (IOException e) {
            return "nowhere: " + e;
        }
    }

    // =====================================================================================
    // Crafted inputs: huge counts, allocation, nesting
    // =====================================================================================

    private static final int[] HUGE = {0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000, 0x4000_0000};

    /** Every count and length field of every version, declaring 2^31-1, 2^32-1, 2^31 and 2^30. */
    @Test
    void hugeDeclaredCountsAreRefusedQuicklyWithoutAllocating() {
        List<String> checked = new ArrayList<>();
        for (int huge : HUGE) {
            for (GodotVersion v : GodotVersion.values()) {
                for (Map.Entry<String, byte[]> e : hugeCountVariants(v, huge).entrySet()) {
                    byte[] variant = e.getValue();
                    String name = e.getKey() + " declaring " + Integer.toUnsignedString(huge) + " in " + v;
                    assertRefusedCheaply(name, variant, VariantCodec.of(v)::decode);
                    // The same inside an Array, and as an RPC argument / remote call argument.
                    byte[] inArray = concat(le(v.isGodot3() ? 19 : 28), le(1), variant);
                    assertRefusedCheaply(name + " in an Array", inArray, VariantCodec.of(v)::decode);
                    byte[] packet = v.isGodot3()
                            ? concat(new byte[] {0}, le(1), le(1), new byte[] {0}, le(5), new byte[] {'f', 0, 1}, variant)
                            : concat(new byte[] {0, 5, 0, 1}, variant);
                    assertRefusedCheaply(name + " in a call", packet, PacketCodec.of(v)::decode);
                    if (!v.isGodot3()) {
                        assertRefusedCheaply(name + " in a relayed call", concat(new byte[] {7, 3}, le(0), packet),
                                PacketCodec.of(v)::decode);
                    }
                    checked.add(name);
                }
            }
        }
        assertThat(checked).hasSizeGreaterThan(100);
    }

    /** One Variant per count or length field, the field declaring {@code huge}, followed by 16 zero bytes. */
    private static Map<String, byte[]> hugeCountVariants(GodotVersion v, int huge) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        byte[] tail = new byte[16];
        if (v.isGodot3()) {
            String[] names = {"String", "NodePath", "Dictionary", "Array", "PoolByteArray", "PoolIntArray",
                "PoolRealArray", "PoolStringArray", "PoolVector2Array", "PoolVector3Array", "PoolColorArray"};
            int[] ids = {4, 15, 18, 19, 20, 21, 22, 23, 24, 25, 26};
            for (int i = 0; i < ids.length; i++) {
                m.put(names[i], concat(le(ids[i]), le(huge), tail));
            }
        } else {
            for (VariantType t : new VariantType[] {VariantType.STRING, VariantType.STRING_NAME, VariantType.SIGNAL,
                VariantType.NODE_PATH, VariantType.DICTIONARY, VariantType.ARRAY, VariantType.PACKED_BYTE_ARRAY,
                VariantType.PACKED_INT32_ARRAY, VariantType.PACKED_INT64_ARRAY, VariantType.PACKED_FLOAT32_ARRAY,
                VariantType.PACKED_FLOAT64_ARRAY, VariantType.PACKED_STRING_ARRAY, VariantType.PACKED_VECTOR2_ARRAY,
                VariantType.PACKED_VECTOR3_ARRAY, VariantType.PACKED_COLOR_ARRAY, VariantType.PACKED_VECTOR4_ARRAY}) {
                m.put(t.godotName(), concat(le(t.id()), le(huge), tail));
            }
            // 64-bit packed arrays of vectors: the f64 flag doubles the element size.
            m.put("PackedVector3Array (f64)", concat(le(VariantType.PACKED_VECTOR3_ARRAY.id() | 1 << 16), le(huge), tail));
            // A String's length inside a PackedStringArray.
            m.put("PackedStringArray element", concat(le(VariantType.PACKED_STRING_ARRAY.id()), le(1), le(huge), tail));
        }
        // NodePath: huge name count (bit 31 is the new-format flag), and huge subname count.
        m.put("NodePath names", concat(le(v.isGodot3() ? 15 : 22), le(0x8000_0000 | huge), le(0), le(0), tail));
        m.put("NodePath subnames", concat(le(v.isGodot3() ? 15 : 22), le(0x8000_0000), le(huge), le(2), tail));
        if (v.hasTypedArrays()) {
            // Typed Array[Foo] with a huge class-name length; Array[int] with a huge size.
            m.put("typed Array class name", concat(le(28 | 2 << 16), le(huge), tail));
            m.put("typed Array size", concat(le(28 | 1 << 16), le(2), le(huge), tail));
        }
        if (v.hasTypedDictionaries()) {
            m.put("typed Dictionary script path", concat(le(27 | 3 << 18), le(huge), tail));
            m.put("typed Dictionary size", concat(le(27 | 1 << 16 | 1 << 18), le(4), le(2), le(huge), tail));
        }
        return m;
    }

    private static void assertRefusedCheaply(String name, byte[] input, Function<byte[], Object> decode) {
        try {
            decode.apply(input); // once unmeasured: first calls load classes and link string concatenation
        } catch (Throwable e) {
            // whatever it is, it is checked below
        }
        for (int attempt = 0; ; attempt++) {
            long allocatedBefore = allocatedBytes();
            long start = System.nanoTime();
            Throwable thrown = null;
            try {
                decode.apply(input);
            } catch (Throwable e) {
                thrown = e;
            }
            long micros = (System.nanoTime() - start) / 1000;
            long allocated = allocatedBytes() - allocatedBefore;
            assertThat(thrown).as("%s: %s", name, HEX.formatHex(input)).isInstanceOf(WireFormatException.class);
            assertThat(allocated).as("bytes allocated decoding %s", name).isLessThan(256 * 1024);
            // Time is noisy (JIT, GC, a busy machine): it must be quick once in three tries.
            if (micros < 50_000 || attempt == 2) {
                assertThat(micros).as("microseconds decoding %s", name).isLessThan(50_000);
                return;
            }
        }
    }

    /**
     * Nested Arrays, each declaring as many elements as the bytes left could hold. Reserving them
     * all before reading any made a 64 KiB message allocate ~60 MB and a 1 MiB one ~1 GB.
     */
    @Test
    void nestedArraysDeclaringHugeCountsDoNotReserveMemoryLevelAfterLevel() throws Exception {
        runOnDefaultStack(() -> {
            for (int size : new int[] {65_535, 1 << 20}) {
                for (GodotVersion v : GodotVersion.values()) {
                    List<byte[]> inputs = new ArrayList<>();
                    inputs.add(nestedMaxCounts(size, le(v.isGodot3() ? 19 : 28), false));
                    if (v.hasTypedArrays()) {
                        inputs.add(nestedMaxCounts(size, concat(le(28 | 1 << 16), le(28)), false)); // Array[Array]
                    }
                    inputs.add(nestedMaxCounts(size, le(v.isGodot3() ? 18 : 27), true)); // values of Dictionaries
                    for (byte[] input : inputs) {
                        long before = allocatedBytes();
                        assertThatThrownBy(() -> VariantCodec.of(v).decode(input)).isInstanceOf(WireFormatException.class);
                        assertThat(allocatedBytes() - before).as("bytes allocated for a %d-byte message in %s", size, v)
                                .isLessThan(4L << 20);
                        if (size <= v.maxMessageBytes()) {
                            // As an RPC argument, inside the message limit.
                            byte[] packet = v.isGodot3()
                                    ? concat(new byte[] {0}, le(1), le(1), new byte[] {0}, le(5), new byte[] {'f', 0, 1},
                                            Arrays.copyOf(input, size - 17))
                                    : concat(new byte[] {0, 5, 0, 1}, Arrays.copyOf(input, size - 4));
                            long before2 = allocatedBytes();
                            assertThatThrownBy(() -> PacketCodec.of(v).decode(packet))
                                    .isInstanceOf(WireFormatException.class);
                            assertThat(allocatedBytes() - before2).isLessThan(4L << 20);
                        }
                    }
                }
            }
        });
    }

    /** Nested containers filling {@code size} bytes; each level declares all the elements the rest could hold. */
    private static byte[] nestedMaxCounts(int size, byte[] header, boolean dictionary) {
        byte[] b = new byte[size];
        int per = header.length + 4 + (dictionary ? 4 : 0);
        for (int at = 0; at + per <= size; at += per) {
            System.arraycopy(header, 0, b, at, header.length);
            int count = (size - at - header.length - 4) / (dictionary ? 8 : 4);
            System.arraycopy(le(count), 0, b, at + header.length, 4);
            // a Dictionary's key is Nil (zero bytes already), its value the next level
        }
        return b;
    }

    /**
     * Godot nests Variants 1024 deep and no deeper. 1024 levels of every container shape must
     * decode and re-encode on a thread with the default 1 MiB stack (before the recursion went
     * through small frames, 1024 Dictionaries needed up to ~1.2 MB of it); 1025 are refused.
     */
    @Test
    void variantsNested1024DeepDecodeOnADefaultStackAnd1025AreRefused() throws Exception {
        runOnDefaultStack(() -> {
            for (GodotVersion v : GodotVersion.values()) {
                VariantCodec codec = VariantCodec.of(v);
                List<Function<Object, Object>> shapes = new ArrayList<>();
                shapes.add(inner -> new ArrayList<>(List.of(inner == null ? List.of() : inner)));
                shapes.add(inner -> {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    m.put(1L, inner);
                    return m;
                });
                shapes.add(inner -> {
                    Map<Object, Object> m = new LinkedHashMap<>();
                    m.put(inner, true); // nested through keys
                    return m;
                });
                shapes.add(inner -> new TypedArray(ContainerType.of(VariantType.ARRAY),
                        List.of(inner == null ? List.of() : inner)));
                shapes.add(inner -> new TypedDictionary(ContainerType.of(VariantType.STRING), ContainerType.ANY,
                        Map.of("k", inner == null ? List.of() : inner)));
                for (int s = 0; s < shapes.size(); s++) {
                    Object deepest = nest(shapes.get(s), 1024); // 1024 containers around a Nil / empty Array
                    byte[] bytes = codec.encode(deepest);
                    Object decoded = codec.decode(bytes);
                    assertThat(codec.encode(decoded)).as("shape %d in %s", s, v).isEqualTo(bytes);
                    Object tooDeep = nest(shapes.get(s), 1025);
                    assertThatThrownBy(() -> codec.encode(tooDeep)).isInstanceOf(WireEncodingException.class);
                    byte[] tooDeepBytes = concat(v.isGodot3() ? le(19) : le(28), le(1), bytes);
                    assertThatThrownBy(() -> codec.decode(tooDeepBytes)).isInstanceOf(WireFormatException.class)
                            .hasMessageContaining("deeper than 1024");
                    // As a call argument.
                    Packet call = v.isGodot3() ? new Routed(1, 1, RemoteCall.of(NodeRef.cached(1), "f", deepest))
                            : new Relay(0, Rpc.of(NodeRef.cached(1), 0, deepest));
                    byte[] message = PacketCodec.of(v).encode(call);
                    assertThat(PacketCodec.of(v).encode(PacketCodec.of(v).decode(message))).isEqualTo(message);
                }
            }
        });
    }

    private static Object nest(Function<Object, Object> shape, int levels) {
        Object v = null;
        for (int i = 0; i < levels; i++) {
            v = shape.apply(v);
        }
        return v;
    }

    private static void runOnDefaultStack(Runnable body) throws Exception {
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                body.run();
            } catch (Throwable e) {
                failed.set(e);
            }
        }, "wire-default-stack", 1024 * 1024);
        t.start();
        t.join(60_000);
        assertThat(t.isAlive()).as("still running after 60 s").isFalse();
        if (failed.get() instanceof Error e) {
            throw e;
        }
        if (failed.get() != null) {
            throw new AssertionError(failed.get());
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static byte[] le(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    // =====================================================================================
    // Inputs
    // =====================================================================================

    /** Random bytes, structured random bytes and mutated corpus entries, in fixed proportions. */
    private static final class Mutator {
        private static final byte[] INTERESTING_BYTES = {0x00, (byte) 0xFF, 0x7F, (byte) 0x80, 0x01, 0x02, 0x1B, 0x1C};
        private static final int[] INTERESTING_INTS = {
            0x7FFF_FFFF, 0xFFFF_FFFF, 0x8000_0000, 0x4000_0000, 0x3FFF_FFFF, 0xFFFF, 0x1_0000, 0xFF, 0x100, 0, 1, -2,
        };

        private final Random r;
        private final List<byte[]> corpus;
        private final List<byte[]> big;

        Mutator(Random r, List<byte[]> corpus) {
            this.r = r;
            this.corpus = corpus.stream().filter(b -> b.length <= 4096).toList();
            this.big = corpus.stream().filter(b -> b.length > 4096).toList();
        }

        byte[] next() {
            int mode = r.nextInt(100);
            if (mode < 15) {
                return randomBytes(r.nextInt(65));
            }
            if (mode < 17) {
                return randomBytes(65 + r.nextInt(2048 - 64));
            }
            if (mode < 22) {
                return structuredRandom();
            }
            // Big encodings (up to 64 KiB) cost a thousand small ones: one input in 200.
            byte[] base = r.nextInt(200) == 0 && !big.isEmpty() ? pick(big) : pick(corpus);
            if (mode < 25) {
                return base.clone(); // unmutated: the decoders must take every valid encoding
            }
            byte[] b = base.clone();
            int ops = 1 + (r.nextInt(4) == 0 ? r.nextInt(6) : r.nextInt(2));
            for (int i = 0; i < ops; i++) {
                b = mutate(b);
            }
            return b;
        }

        private byte[] pick(List<byte[]> from) {
            return from.get(r.nextInt(from.size()));
        }

        private byte[] randomBytes(int n) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            return b;
        }

        /** A plausible first word (a Variant header or a packet's command byte) and random bytes after it. */
        private byte[] structuredRandom() {
            byte[] b = randomBytes(4 + r.nextInt(60));
            if (r.nextBoolean()) {
                int header = r.nextInt(39) | (r.nextInt(4) == 0 ? r.nextInt(16) << 16 : 0);
                System.arraycopy(le(header), 0, b, 0, 4);
            } else {
                b[0] = (byte) (r.nextInt(8) | (r.nextBoolean() ? r.nextInt(16) << 4 : 0));
                if (b.length > 1 && (b[0] & 7) == 7) {
                    b[1] = (byte) r.nextInt(5);
                }
            }
            return b;
        }

        /** Any offset or, more often, a 4-aligned one (Variant fields are 4-aligned, Godot 3's after byte 9 or 10). */
        private int position(int length) {
            int at = r.nextInt(length);
            return switch (r.nextInt(4)) {
                case 0 -> at;
                case 1 -> at < 9 ? at : 9 + ((at - 9) & ~3);
                case 2 -> at < 10 ? at : 10 + ((at - 10) & ~3);
                default -> at & ~3;
            };
        }

        private byte[] mutate(byte[] b) {
            if (b.length == 0) {
                return randomBytes(1 + r.nextInt(8));
            }
            switch (r.nextInt(11)) {
                case 0 -> b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                case 1 -> b[r.nextInt(b.length)] = INTERESTING_BYTES[r.nextInt(INTERESTING_BYTES.length)];
                case 2 -> b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                case 3 -> {
                    return Arrays.copyOf(b, r.nextInt(b.length));
                }
                case 4 -> {
                    return concat(b, r.nextBoolean() ? new byte[1 + r.nextInt(16)] : randomBytes(1 + r.nextInt(16)));
                }
                case 5 -> {
                    int at = Math.min(position(b.length), Math.max(0, b.length - 4));
                    System.arraycopy(le(interestingInt(b.length)), 0, b, at, Math.min(4, b.length - at));
                }
                case 6 -> {
                    int at = position(b.length);
                    return concat(Arrays.copyOf(b, at), le(interestingInt(b.length)), Arrays.copyOfRange(b, at, b.length));
                }
                case 7 -> {
                    int from = position(b.length);
                    int len = 1 + r.nextInt(Math.min(64, b.length - from));
                    int to = position(b.length);
                    return concat(Arrays.copyOf(b, to), Arrays.copyOfRange(b, from, from + len),
                            Arrays.copyOfRange(b, to, b.length));
                }
                case 8 -> {
                    int from = position(b.length);
                    int len = 1 + r.nextInt(Math.min(16, b.length - from));
                    return concat(Arrays.copyOf(b, from), Arrays.copyOfRange(b, from + len, b.length));
                }
                case 9 -> {
                    byte[] other = pick(corpus);
                    int cut = r.nextInt(b.length + 1);
                    int otherCut = other.length == 0 ? 0 : r.nextInt(other.length);
                    return concat(Arrays.copyOf(b, cut), Arrays.copyOfRange(other, otherCut, other.length));
                }
                default -> b[position(b.length) & ~3] = (byte) r.nextInt(40); // another Variant type
            }
            return b;
        }

        private int interestingInt(int length) {
            return r.nextInt(4) == 0 ? (r.nextBoolean() ? length : length / 4 + r.nextInt(3) - 1)
                    : INTERESTING_INTS[r.nextInt(INTERESTING_INTS.length)];
        }
    }

    /** Valid encodings of every kind for every version: Variants small and big, compressed arguments, packets. */
    private static List<byte[]> corpus(Random r) {
        List<byte[]> out = new ArrayList<>();
        for (GodotVersion v : GodotVersion.values()) {
            Values g = new Values(r, v);
            VariantCodec codec = VariantCodec.of(v);
            for (VariantType t : VariantType.values()) {
                if (g.has(t)) {
                    for (int i = 0; i < 4; i++) {
                        add(out, () -> codec.encode(g.ofType(t, 2)));
                    }
                }
            }
            for (int i = 0; i < 200; i++) {
                add(out, () -> codec.encode(g.value(3)));
            }
            g.big = true;
            for (int i = 0; i < 12; i++) {
                add(out, () -> codec.encode(g.array(3))); // big nested containers, up to 64 KiB
                add(out, () -> codec.encode(g.dictionary(3)));
            }
            g.big = false;
            Object chain = null;
            for (int i = 0; i < 100; i++) {
                chain = i % 3 == 0 ? new ArrayList<>(Arrays.asList(chain, (long) i)) : Map.of("k" + i, chain == null ? 0L : chain);
            }
            Object finalChain = chain;
            add(out, () -> codec.encode(finalChain));
            if (!v.isGodot3()) {
                CompressedVariants cv = new CompressedVariants(Godot4Variants.of(v));
                for (int i = 0; i < 60; i++) {
                    Object arg = i % 3 == 0 ? g.longValue() : i % 3 == 1 ? (Object) r.nextBoolean() : g.value(2);
                    add(out, () -> {
                        WireWriter w = new WireWriter();
                        cv.write(w, arg);
                        return w.toByteArray();
                    });
                }
            }
            PacketCodec packets = PacketCodec.of(v);
            for (int i = 0; i < 250; i++) {
                add(out, () -> packets.encode(v.isGodot3() ? g.godot3Packet() : g.godot4Packet(true)));
            }
        }
        for (int i = 0; i < 20; i++) {
            out.add(le(2 + r.nextInt(Integer.MAX_VALUE - 2)));
        }
        return out;
    }

    private interface Encoding {
        byte[] get();
    }

    /** Adds an encoding unless it is over Godot's message limit (no peer sends or accepts those). */
    private static void add(List<byte[]> out, Encoding e) {
        try {
            byte[] b = e.get();
            if (b.length <= 65_535) {
                out.add(b);
            }
        } catch (WireEncodingException tooBig) {
            // over a packet's message limit
        }
    }

    /** Random Variant values and packets a given version carries. */
    private static final class Values {
        private final Random r;
        private final GodotVersion v;
        boolean big;

        Values(Random r, GodotVersion v) {
            this.r = r;
            this.v = v;
        }

        boolean has(VariantType t) {
            if (v.isGodot3()) {
                return Godot3Variants.godot3Id(t) >= 0;
            }
            return t != VariantType.PACKED_VECTOR4_ARRAY || v.hasPackedVector4Array();
        }

        private VariantType leafType() {
            while (true) {
                VariantType t = VariantType.values()[r.nextInt(VariantType.values().length)];
                if (has(t) && t != VariantType.ARRAY && t != VariantType.DICTIONARY) {
                    return t;
                }
            }
        }

        Object value(int depth) {
            if (depth > 0 && r.nextInt(3) == 0) {
                return r.nextBoolean() ? array(depth) : dictionary(depth);
            }
            return ofType(leafType(), depth);
        }

        private int size() {
            return big ? r.nextInt(r.nextInt(4) == 0 ? 60 : 12) : r.nextInt(5);
        }

        Object array(int depth) {
            int n = size();
            if (r.nextInt(3) == 0) {
                VariantType t = leafType();
                if (t != VariantType.NIL) {
                    List<Object> elements = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        elements.add(t == VariantType.OBJECT && r.nextBoolean() ? null : ofType(t, 0));
                    }
                    return new TypedArray(ContainerType.of(t), elements);
                }
            }
            List<Object> l = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                l.add(value(depth - 1));
            }
            return l;
        }

        Object dictionary(int depth) {
            int n = size();
            Map<Object, Object> m = new LinkedHashMap<>();
            if (r.nextInt(3) == 0) {
                VariantType k = leafType();
                if (k != VariantType.NIL && k != VariantType.OBJECT) {
                    for (int i = 0; i < n; i++) {
                        m.put(ofType(k, 0), value(depth - 1));
                    }
                    return new TypedDictionary(ContainerType.of(k), ContainerType.ANY, m);
                }
            }
            for (int i = 0; i < n; i++) {
                m.put(value(0), value(depth - 1));
            }
            return m;
        }

        long longValue() {
            return switch (r.nextInt(5)) {
                case 0 -> r.nextLong();
                case 1 -> r.nextInt();
                case 2 -> (long) r.nextInt(65536) - 32768;
                case 3 -> (long) r.nextInt(256) - 128;
                default -> new long[] {Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 32, -1, Long.MIN_VALUE}[r.nextInt(5)];
            };
        }

        private float f32() {
            return switch (r.nextInt(4)) {
                case 0 -> Float.intBitsToFloat(r.nextInt());
                case 1 -> new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0.0f, Float.MIN_VALUE}[r.nextInt(4)];
                default -> r.nextFloat() * 2000 - 1000;
            };
        }

        private Vector2 v2() {
            return new Vector2(f32(), f32());
        }

        private Vector3 v3() {
            return new Vector3(f32(), f32(), f32());
        }

        private Vector4 v4() {
            return new Vector4(f32(), f32(), f32(), f32());
        }

        private Color color() {
            return new Color(f32(), f32(), f32(), f32());
        }

        String string() {
            int n = big && r.nextInt(8) == 0 ? r.nextInt(300) : r.nextInt(10);
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int cp = switch (r.nextInt(6)) {
                    case 0 -> 0x80 + r.nextInt(0x780);
                    case 1 -> 0x800 + r.nextInt(0xD000);
                    case 2 -> 0x1_0000 + r.nextInt(0x10_0000);
                    default -> 0x20 + r.nextInt(0x5F);
                };
                sb.appendCodePoint(cp);
            }
            return sb.toString();
        }

        private <T> List<T> list(java.util.function.Supplier<T> element) {
            int n = big && r.nextInt(4) == 0 ? r.nextInt(100) : r.nextInt(5);
            List<T> l = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                l.add(element.get());
            }
            return l;
        }

        Object ofType(VariantType t, int depth) {
            return switch (t) {
                case NIL -> null;
                case BOOL -> r.nextBoolean();
                case INT -> longValue();
                case FLOAT -> r.nextBoolean() ? (double) f32() : Double.longBitsToDouble(r.nextLong());
                case STRING -> string();
                case VECTOR2 -> v2();
                case VECTOR2I -> new Vector2i(r.nextInt(), r.nextInt());
                case RECT2 -> new Rect2(v2(), v2());
                case RECT2I -> new Rect2i(new Vector2i(r.nextInt(), r.nextInt()), new Vector2i(r.nextInt(), r.nextInt()));
                case VECTOR3 -> v3();
                case VECTOR3I -> new Vector3i(r.nextInt(), r.nextInt(), r.nextInt());
                case TRANSFORM2D -> new Transform2D(v2(), v2(), v2());
                case VECTOR4 -> v4();
                case VECTOR4I -> new Vector4i(r.nextInt(), r.nextInt(), r.nextInt(), r.nextInt());
                case PLANE -> new Plane(v3(), f32());
                case QUATERNION -> new Quaternion(f32(), f32(), f32(), f32());
                case AABB -> new AABB(v3(), v3());
                case BASIS -> new Basis(v3(), v3(), v3());
                case TRANSFORM3D -> new Transform3D(new Basis(v3(), v3(), v3()), v3());
                case PROJECTION -> new Projection(v4(), v4(), v4(), v4());
                case COLOR -> color();
                case STRING_NAME -> new StringName(string());
                case NODE_PATH -> new NodePath(list(this::string), list(this::string), r.nextBoolean());
                case RID -> new Rid(v.isGodot3() ? 0 : r.nextLong());
                case OBJECT -> new ObjectId(1 + (r.nextLong() >>> 1));
                case CALLABLE -> Callable.EMPTY;
                case SIGNAL -> new Signal(string(), r.nextLong());
                case DICTIONARY -> dictionary(Math.max(1, depth));
                case ARRAY -> array(Math.max(1, depth));
                case PACKED_BYTE_ARRAY -> {
                    byte[] b = new byte[big && r.nextInt(4) == 0 ? r.nextInt(3000) : r.nextInt(12)];
                    r.nextBytes(b);
                    yield b;
                }
                case PACKED_INT32_ARRAY -> new PackedInt32Array(list(r::nextInt).stream().mapToInt(i -> i).toArray());
                case PACKED_INT64_ARRAY -> new PackedInt64Array(list(this::longValue).stream().mapToLong(i -> i).toArray());
                case PACKED_FLOAT32_ARRAY -> {
                    List<Float> l = list(this::f32);
                    float[] f = new float[l.size()];
                    for (int i = 0; i < f.length; i++) {
                        f[i] = l.get(i);
                    }
                    yield new PackedFloat32Array(f);
                }
                case PACKED_FLOAT64_ARRAY -> new PackedFloat64Array(
                        list(() -> Double.longBitsToDouble(r.nextLong())).stream().mapToDouble(d -> d).toArray());
                case PACKED_STRING_ARRAY -> new PackedStringArray(list(this::string));
                case PACKED_VECTOR2_ARRAY -> new PackedVector2Array(list(this::v2));
                case PACKED_VECTOR3_ARRAY -> new PackedVector3Array(list(this::v3));
                case PACKED_COLOR_ARRAY -> new PackedColorArray(list(this::color));
                case PACKED_VECTOR4_ARRAY -> new PackedVector4Array(list(this::v4));
            };
        }

        private byte[] bytes(int max) {
            byte[] b = new byte[r.nextInt(max + 1)];
            r.nextBytes(b);
            return b;
        }

        private String md5() {
            return HEX.formatHex(randomArray(16));
        }

        private byte[] randomArray(int n) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            return b;
        }

        private int cacheId() {
            return switch (r.nextInt(3)) {
                case 0 -> r.nextInt(256);
                case 1 -> r.nextInt(65536);
                default -> r.nextInt(Integer.MAX_VALUE);
            };
        }

        Rpc rpc() {
            NodeRef node = r.nextInt(4) == 0 ? NodeRef.path(string()) : NodeRef.cached(cacheId());
            int method = r.nextBoolean() ? r.nextInt(256) : r.nextInt(65536);
            List<Object> args = new ArrayList<>();
            int kind = r.nextInt(4);
            if (kind == 1) {
                args.add(bytes(40));
            } else if (kind >= 2) {
                int n = r.nextInt(10) == 0 ? 255 : 1 + r.nextInt(5);
                for (int i = 0; i < n; i++) {
                    args.add(n > 10 ? (Object) longValue() : value(2));
                }
            }
            Rpc canonical = Rpc.of(node, method, args);
            RpcLayout l = canonical.layout();
            // Sometimes a wider layout than Godot picks, or the non-raw form.
            int nodeBytes = node instanceof NodeRef.Cached && r.nextInt(4) == 0 ? 4 : l.nodeIdBytes();
            int methodBytes = r.nextInt(4) == 0 ? 2 : l.methodIdBytes();
            boolean raw = l.byteOnlyOrNoArgs() && r.nextInt(3) != 0;
            return new Rpc(node, method, args, new RpcLayout(nodeBytes, methodBytes, raw));
        }

        Packet godot4Packet(boolean relayable) {
            return switch (r.nextInt(relayable ? 11 : 6)) {
                case 0, 1, 2 -> rpc();
                case 3 -> new SimplifyPath(cacheId(), string(), md5());
                case 4 -> new ConfirmPath(r.nextBoolean(), v.confirmsPathById() ? NodeRef.cached(cacheId())
                        : NodeRef.path(string()));
                case 5 -> switch (r.nextInt(4)) {
                    case 0 -> new Spawn(r.nextInt(Spawn.CUSTOM), r.nextInt(), r.nextInt(), List.of(r.nextInt()),
                            "n" + r.nextInt(1000), null, Arrays.asList(value(1), value(1)));
                    case 1 -> new Despawn(r.nextInt());
                    case 2 -> new Sync(r.nextInt(0x10000), List.of(new SyncState(r.nextInt(), Arrays.asList(value(1)))));
                    default -> new Delta(List.of(new DeltaState(r.nextInt(), 1, Arrays.asList(value(1)))));
                };
                case 6 -> new Raw(concat(new byte[] {1}, bytes(50)));
                case 7 -> new Auth(bytes(40));
                case 8 -> r.nextBoolean() ? new AddPeer(r.nextInt()) : new DelPeer(r.nextInt());
                default -> new Relay(r.nextInt(), godot4Packet(false));
            };
        }

        Packet godot3Packet() {
            NodeRef node = r.nextInt(3) == 0 ? NodeRef.path(string()) : NodeRef.cached(cacheId());
            Packet inner = switch (r.nextInt(9)) {
                case 0, 1 -> {
                    List<Object> args = new ArrayList<>();
                    int n = r.nextInt(10) == 0 ? 255 : r.nextInt(5);
                    for (int i = 0; i < n; i++) {
                        args.add(n > 10 ? (Object) longValue() : value(2));
                    }
                    yield new RemoteCall(node, string(), args);
                }
                case 2 -> new RemoteSet(node, string(), value(3));
                case 3 -> SimplifyPath.godot3(cacheId(), string());
                case 4 -> new ConfirmPath(true, NodeRef.path(string()));
                case 5 -> new Raw(concat(new byte[] {1}, bytes(50)));
                case 6 -> new PeerId(r.nextInt());
                case 7 -> new AddPeer(r.nextInt());
                default -> new DelPeer(r.nextInt());
            };
            return new Routed(r.nextInt(), r.nextBoolean() ? 1 : r.nextInt(), inner);
        }
    }
}
