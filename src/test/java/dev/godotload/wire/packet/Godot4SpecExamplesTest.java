package dev.godotload.wire.packet;

import static dev.godotload.testing.GoldenData.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireFormatException;
import dev.godotload.wire.WireReader;
import dev.godotload.wire.WireWriter;
import dev.godotload.wire.variant.CompressedVariants;
import dev.godotload.wire.variant.Godot4Variants;

/**
 * Every reference packet of {@code docs/protocol/godot4.md} §10.4, golden in both directions: the
 * bytes decode to the packet written out by hand here, and that packet encodes to the bytes.
 */
class Godot4SpecExamplesTest {
    private static final NodeRef CHAT_ID = new NodeRef.Cached(1);
    private static final NodeRef CHAT_PATH = new NodeRef.Path("Main/Chat");
    private static final RpcLayout SMALL_ARGS = new RpcLayout(1, 1, false);
    private static final RpcLayout SMALL_RAW = new RpcLayout(1, 1, true);

    private static final String EX1 = "00 01 00 01 04 00 00 00 05 00 00 00 68 65 6C 6C 6F 00 00 00";
    private static final Rpc EX1_RPC = new Rpc(CHAT_ID, 0, List.of("hello"), SMALL_ARGS);
    private static final String CHAT_MD5 = "9873620e1a4cd5f998277279495460f3";

    record Example(String name, String hex, Packet packet) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** The examples that read the same in every Godot 4 version. */
    static List<Example> versionIndependent() {
        List<Example> e = new ArrayList<>();
        // RPC examples 1-3 (client calls method 0 with "hello" on /root/Main/Chat)
        e.add(new Example("1 cached RPC", EX1, EX1_RPC));
        e.add(new Example("2 full-path RPC",
                "20 17 00 00 80 00 01 04 00 00 00 05 00 00 00 68 65 6C 6C 6F 00 00 00 4D 61 69 6E 2F 43 68 61 74 00",
                new Rpc(CHAT_PATH, 0, List.of("hello"), new RpcLayout(4, 1, false))));
        e.add(new Example("3 SIMPLIFY_PATH",
                "01 39 38 37 33 36 32 30 65 31 61 34 63 64 35 66 39 39 38 32 37 37 32 37 39 34 39 35 34 36 30 66 33 00"
                        + " 01 00 00 00 4D 61 69 6E 2F 43 68 61 74 00",
                new SimplifyPath(1, "Main/Chat", CHAT_MD5)));
        // More RPC shapes (cached node id 1)
        e.add(new Example("no arguments", "80 01 00", new Rpc(CHAT_ID, 0, List.of(), SMALL_RAW)));
        e.add(new Example("one PackedByteArray", "80 01 00 01 02 03",
                new Rpc(CHAT_ID, 0, List.of(new byte[] {1, 2, 3}), SMALL_RAW)));
        e.add(new Example("int 42 and true", "00 01 00 02 02 2A 81",
                new Rpc(CHAT_ID, 0, List.of(42L, true), SMALL_ARGS)));
        e.add(new Example("method id 300", "C0 01 2C 01", new Rpc(CHAT_ID, 300, List.of(), new RpcLayout(1, 2, true))));
        e.add(new Example("rpc_config method 0x8000", "C0 01 00 80",
                new Rpc(CHAT_ID, 0x8000, List.of(), new RpcLayout(1, 2, true))));
        e.add(new Example("node cache id 300", "10 2C 01 00 01 02 2A",
                new Rpc(new NodeRef.Cached(300), 0, List.of(42L), new RpcLayout(2, 1, false))));
        // SYS / transport
        e.add(new Example("ADD_PEER", "07 01 B1 68 DE 3A", new AddPeer(987654321)));
        e.add(new Example("DEL_PEER", "07 02 B1 68 DE 3A", new DelPeer(987654321)));
        e.add(new Example("relay to 987654321", "07 03 B1 68 DE 3A " + EX1, new Relay(987654321, EX1_RPC)));
        e.add(new Example("relay from 123456789", "07 03 15 CD 5B 07 " + EX1, new Relay(123456789, EX1_RPC)));
        e.add(new Example("auth data", "07 00 6F 6B", new Auth("ok".getBytes(StandardCharsets.US_ASCII))));
        e.add(new Example("auth complete", "07 00", Auth.COMPLETE));
        e.add(new Example("RAW", "03 DE AD", new Raw(new byte[] {(byte) 0xDE, (byte) 0xAD})));
        return e;
    }

    static Stream<Arguments> everyVersionEveryExample() {
        return Stream.of(GodotVersion.GODOT_4_0, GodotVersion.GODOT_4_3, GodotVersion.GODOT_4_4)
                .flatMap(v -> versionIndependent().stream().map(x -> Arguments.of(v, x)));
    }

    @Test
    void theExampleListIsComplete() {
        assertThat(versionIndependent()).hasSize(16);
        assertThat(everyVersionEveryExample()).hasSize(48);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("everyVersionEveryExample")
    void decodesAndEncodesTheExample(GodotVersion version, Example ex) {
        Godot4Packets codec = Godot4Packets.of(version);
        byte[] bytes = hex(ex.hex());
        assertThat(codec.decode(bytes)).isEqualTo(ex.packet());
        assertThat(hex(codec.encode(ex.packet()))).isEqualTo(hex(bytes));
    }

    @Test
    void rpcOfPicksTheLayoutGodotPicks() {
        assertThat(Rpc.of(CHAT_ID, 0, "hello")).isEqualTo(EX1_RPC);
        assertThat(Rpc.of(CHAT_PATH, 0, "hello").layout()).isEqualTo(new RpcLayout(4, 1, false));
        assertThat(Rpc.of(CHAT_ID, 0).layout()).isEqualTo(SMALL_RAW);
        assertThat(Rpc.of(CHAT_ID, 0, (Object) new byte[] {1, 2, 3}).layout()).isEqualTo(SMALL_RAW);
        assertThat(Rpc.of(CHAT_ID, 300).layout()).isEqualTo(new RpcLayout(1, 2, true));
        assertThat(Rpc.of(new NodeRef.Cached(300), 0, 42L).layout()).isEqualTo(new RpcLayout(2, 1, false));
        assertThat(Rpc.of(new NodeRef.Cached(70_000), 0, 42L).layout()).isEqualTo(new RpcLayout(4, 1, false));
        // a byte array among other arguments is an ordinary argument
        assertThat(Rpc.of(CHAT_ID, 0, new byte[] {1}, 2L).layout()).isEqualTo(SMALL_ARGS);
    }

    @Test
    void aRelayedFullPathRpcCountsItsPathOffsetFromTheInnerPacket() {
        // the client builds example 2 and wraps it: 0x17 stays the offset inside the inner packet
        String ex2 = "20 17 00 00 80 00 01 04 00 00 00 05 00 00 00 68 65 6C 6C 6F 00 00 00 4D 61 69 6E 2F 43 68 61 74 00";
        byte[] bytes = hex("07 03 B1 68 DE 3A " + ex2);
        Relay relay = new Relay(987654321, Rpc.of(CHAT_PATH, 0, "hello"));
        Godot4Packets codec = Godot4Packets.of(GodotVersion.GODOT_4_4);
        assertThat(codec.decode(bytes)).isEqualTo(relay);
        assertThat(hex(codec.encode(relay))).isEqualTo(hex(bytes));
    }

    @Test
    void aSingleEmptyPackedByteArrayGoesOutAsNoArguments() {
        // Godot: "a single empty PackedByteArray argument arrives as a zero-argument call" (godot4.md §5.1)
        Godot4Packets codec = Godot4Packets.of(GodotVersion.GODOT_4_4);
        byte[] bytes = codec.encode(Rpc.of(CHAT_ID, 0, (Object) new byte[0]));
        assertThat(hex(bytes)).isEqualTo("800100");
        assertThat(codec.decode(bytes)).isEqualTo(Rpc.of(CHAT_ID, 0));
    }

    // ------------------------------------------------------------------ peer id

    @ParameterizedTest
    @EnumSource(names = {"GODOT_4_0", "GODOT_4_3", "GODOT_4_4"})
    void peerIdIsTheFirstServerMessage(GodotVersion version) {
        Godot4Packets codec = Godot4Packets.of(version);
        assertThat(codec.decodePeerId(hex("15 CD 5B 07"))).isEqualTo(new PeerId(123456789));
        assertThat(hex(codec.encode(new PeerId(123456789)))).isEqualTo("15cd5b07");
    }

    // ------------------------------------------------------------------ CONFIRM_PATH, example 4

    @ParameterizedTest
    @EnumSource(names = {"GODOT_4_3", "GODOT_4_4"})
    void confirmPathCarriesTheCacheIdFrom43(GodotVersion version) {
        Godot4Packets codec = Godot4Packets.of(version);
        ConfirmPath confirm = new ConfirmPath(true, CHAT_ID);
        assertThat(codec.decode(hex("02 01 01 00 00 00"))).isEqualTo(confirm);
        assertThat(hex(codec.encode(confirm))).isEqualTo("020101000000");
        // and a mismatched checksum (captured from Godot 4.6: 02 00 <id>)
        assertThat(codec.decode(hex("02 00 04 00 00 00"))).isEqualTo(new ConfirmPath(false, new NodeRef.Cached(4)));
    }

    @Test
    void confirmPathEchoesThePathBefore43() {
        Godot4Packets codec = Godot4Packets.of(GodotVersion.GODOT_4_0);
        ConfirmPath confirm = new ConfirmPath(true, CHAT_PATH);
        String bytes = "02 01 4D 61 69 6E 2F 43 68 61 74 00";
        assertThat(codec.decode(hex(bytes))).isEqualTo(confirm);
        assertThat(hex(codec.encode(confirm))).isEqualTo(hex(hex(bytes)));
        assertThat(codec.decode(hex("02 00 4D 61 69 6E 2F 43 68 61 74 00")))
                .isEqualTo(new ConfirmPath(false, CHAT_PATH));
    }

    @Test
    void eachConfirmPathFormIsRefusedByTheOtherVersion() {
        assertThatThrownBy(() -> Godot4Packets.of(GodotVersion.GODOT_4_3).decode(hex("02 01 4D 61 69 6E 2F 43 68 61 74 00")))
                .isInstanceOf(WireFormatException.class);
        assertThatThrownBy(() -> Godot4Packets.of(GodotVersion.GODOT_4_0).decode(hex("02 01 01 00 00 00")))
                .isInstanceOf(WireFormatException.class);
    }

    // ------------------------------------------------------------------ compressed arguments

    static Stream<Arguments> compressedForms() {
        return Stream.of(
                Arguments.of(42L, "022a"),
                Arguments.of(-1L, "02ff"),
                Arguments.of(300L, "422c01"),
                Arguments.of(70000L, "8270110100"),
                Arguments.of(1L << 40, "c20000000000010000"),
                Arguments.of(true, "81"),
                Arguments.of(false, "01"));
    }

    @Test
    void compressedFormsAreAllListed() {
        assertThat(compressedForms()).hasSize(7);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("compressedForms")
    void compressedArgumentDirectly(Object value, String expectedHex) {
        for (GodotVersion v : List.of(GodotVersion.GODOT_4_0, GodotVersion.GODOT_4_3, GodotVersion.GODOT_4_4)) {
            CompressedVariants codec = new CompressedVariants(Godot4Variants.of(v));
            WireWriter out = new WireWriter();
            codec.write(out, value);
            assertThat(hex(out.toByteArray())).as("%s in %s", value, v).isEqualTo(expectedHex);
            WireReader in = new WireReader(hex(expectedHex));
            assertThat(codec.read(in)).as("%s in %s", value, v).isEqualTo(value);
            assertThat(in.hasRemaining()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("compressedForms")
    void compressedArgumentInAnRpc(Object value, String argHex) {
        // node id 1, method 0, argc 1, then the argument
        byte[] bytes = hex("00 01 00 01" + argHex);
        Rpc rpc = new Rpc(CHAT_ID, 0, List.of(value), SMALL_ARGS);
        Godot4Packets codec = Godot4Packets.of(GodotVersion.GODOT_4_4);
        assertThat(codec.decode(bytes)).isEqualTo(rpc);
        assertThat(hex(codec.encode(rpc))).isEqualTo(hex(bytes));
        assertThat(codec.encode(Rpc.of(CHAT_ID, 0, value))).isEqualTo(bytes);
    }

    @Test
    void intArgumentsOfEveryWidthBoundary() {
        Godot4Packets codec = Godot4Packets.of(GodotVersion.GODOT_4_4);
        Object[][] cases = {
            {127L, "02 7F"}, {-128L, "02 80"}, {128L, "42 80 00"}, {-129L, "42 7F FF"},
            {32767L, "42 FF 7F"}, {32768L, "82 00 80 00 00"}, {-32769L, "82 FF 7F FF FF"},
            {2147483647L, "82 FF FF FF 7F"}, {2147483648L, "C2 00 00 00 80 00 00 00 00"},
            {Long.MIN_VALUE, "C2 00 00 00 00 00 00 00 80"},
        };
        for (Object[] c : cases) {
            byte[] bytes = hex("00 01 00 01 " + c[1]);
            assertThat(hex(codec.encode(Rpc.of(CHAT_ID, 0, c[0])))).as("%s", c[0]).isEqualTo(hex(bytes));
            assertThat(((Rpc) codec.decode(bytes)).args()).as("%s", c[0]).containsExactly(c[0]);
        }
    }

    // ------------------------------------------------------------------ RPC checksums

    @Test
    void simplifyPathChecksumOfExample3() {
        assertThat(RpcChecksum.md5(List.of("send_message", "receive_message"))).isEqualTo(CHAT_MD5);
        assertThat(RpcChecksum.sortedNames(List.of("send_message", "receive_message")))
                .containsExactly("receive_message", "send_message");
        SimplifyPath decoded = (SimplifyPath) Godot4Packets.of(GodotVersion.GODOT_4_4).decode(hex(
                "01 39 38 37 33 36 32 30 65 31 61 34 63 64 35 66 39 39 38 32 37 37 32 37 39 34 39 35 34 36 30 66 33 00"
                        + " 01 00 00 00 4D 61 69 6E 2F 43 68 61 74 00"));
        assertThat(decoded.methodsMd5()).isEqualTo(RpcChecksum.md5(List.of("receive_message", "send_message")));
    }

    @Test
    void contractChecksums() {
        assertThat(RpcChecksum.md5(List.of("world_changed", "request_state", "receive_state", "merge_world",
                "edit_rejected", "edit_applied"))).isEqualTo("e399c95ccbe2241cadd3c02ccd1296c3");
        assertThat(RpcChecksum.md5(List.of("update_pose", "pose_changed"))).isEqualTo("cdcee90394024725233f3c9e46cd8a84");
        assertThat(RpcChecksum.md5(List.of("request_stats", "receive_stats"))).isEqualTo("9b2718097db3bb3ebdc4b8dffcf666fb");
        assertThat(RpcChecksum.md5(List.of())).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void methodNamesSortByCodePointAsGodotsStringLessDoes() {
        // U+FF21 (fullwidth A) is below U+1D400 (mathematical bold A) as a code point, but above its
        // UTF-16 high surrogate 0xD835, so a UTF-16 compareTo would order them the other way.
        String fullwidthA = "\uFF21";
        String boldA = new String(Character.toChars(0x1D400));
        assertThat(RpcChecksum.sortedNames(List.of(boldA, fullwidthA, "b", "B", "_a")))
                .containsExactly("B", "_a", "b", fullwidthA, boldA);
    }
}
