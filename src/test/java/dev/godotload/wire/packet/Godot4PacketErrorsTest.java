package dev.godotload.wire.packet;

import static dev.godotload.testing.GoldenData.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.godotload.testing.GoldenData;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireEncodingException;
import dev.godotload.wire.WireFormatException;
import dev.godotload.wire.variant.PackedVector4Array;
import dev.godotload.wire.variant.Vector4;

/** What the Godot 4 codec refuses, and that it says where and why. */
class Godot4PacketErrorsTest {
    private static final Godot4Packets V44 = Godot4Packets.of(GodotVersion.GODOT_4_4);
    private static final Godot4Packets V43 = Godot4Packets.of(GodotVersion.GODOT_4_3);
    private static final Godot4Packets V40 = Godot4Packets.of(GodotVersion.GODOT_4_0);
    private static final NodeRef CHAT = new NodeRef.Cached(1);

    private static final String EX1 = "00 01 00 01 04 00 00 00 05 00 00 00 68 65 6C 6C 6F 00 00 00";
    private static final String EX2 =
            "20 17 00 00 80 00 01 04 00 00 00 05 00 00 00 68 65 6C 6C 6F 00 00 00 4D 61 69 6E 2F 43 68 61 74 00";
    private static final String EX3 =
            "01 39 38 37 33 36 32 30 65 31 61 34 63 64 35 66 39 39 38 32 37 37 32 37 39 34 39 35 34 36 30 66 33 00"
                    + " 01 00 00 00 4D 61 69 6E 2F 43 68 61 74 00";

    /** The bytes in hex, cut after 64 bytes so a failure message stays readable. */
    private static String shortHex(byte[] bytes) {
        return bytes.length <= 64 ? GoldenData.hex(bytes)
                : GoldenData.hex(Arrays.copyOf(bytes, 64)) + "... (" + bytes.length + " bytes)";
    }

    private static WireFormatException decodeError(Godot4Packets codec, String hex) {
        return decodeError(codec, hex(hex));
    }

    private static WireFormatException decodeError(Godot4Packets codec, byte[] bytes) {
        WireFormatException e = catchThrowableOfType(WireFormatException.class, () -> codec.decode(bytes));
        assertThat(e).as("decoding %s must fail", shortHex(bytes)).isNotNull();
        assertThat(e.getMessage()).startsWith("offset " + e.offset() + ": ").endsWith(e.reason());
        return e;
    }

    // ------------------------------------------------------------------ truncation

    @Test
    void emptyMessage() {
        WireFormatException e = decodeError(V44, "");
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).isEqualTo("command byte needs 1 bytes, 0 left");
    }

    @Test
    void truncatedRpcHeader() {
        WireFormatException e = decodeError(V44, "00 01");
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).contains("REMOTE_CALL header is at least 3 bytes, got 2");
        e = decodeError(V44, "20 17 00");
        assertThat(e.reason()).contains("at least 6 bytes, got 3");
    }

    @Test
    void truncatedArgument() {
        // example 1 without its last padding byte: the String "hello" needs 5 bytes + 3 padding
        WireFormatException e = decodeError(V44, EX1.substring(0, EX1.length() - 3));
        assertThat(e.offset()).isEqualTo(12);
        assertThat(e.reason()).isEqualTo("String with its padding needs 8 bytes, 7 left");
        // argc 2 but one argument
        e = decodeError(V44, "00 01 00 02 02 2A");
        assertThat(e.offset()).isEqualTo(6);
        assertThat(e.reason()).contains("argument needs 1 bytes, 0 left");
        // an int16 argument cut after its first byte
        e = decodeError(V44, "00 01 00 01 42 2C");
        assertThat(e.offset()).isEqualTo(5);
        assertThat(e.reason()).contains("int16 argument needs 2 bytes, 1 left");
    }

    @Test
    void truncatedSimplifyPath() {
        WireFormatException e = decodeError(V44, EX3.substring(0, EX3.length() - 3));
        assertThat(e.offset()).isEqualTo(38);
        assertThat(e.reason()).contains("node path has no terminating NUL");
        e = decodeError(V44, EX3.substring(0, 3 * 20));
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).contains("SIMPLIFY_PATH is at least 39 bytes, got 20");
    }

    @Test
    void everyProperPrefixOfTheSpecExamplesIsRefused() {
        List<String> examples = List.of(EX1, EX2, EX3, "00 01 00 02 02 2A 81", "10 2C 01 00 01 02 2A", "C0 01 2C 01",
                "07 01 B1 68 DE 3A", "07 02 B1 68 DE 3A", "07 03 B1 68 DE 3A " + EX1, "07 03 B1 68 DE 3A " + EX2);
        int prefixes = 0;
        for (String ex : examples) {
            byte[] bytes = hex(ex);
            V44.decode(bytes); // the whole packet is fine
            for (int n = 0; n < bytes.length; n++) {
                decodeError(V44, Arrays.copyOf(bytes, n));
                prefixes++;
            }
        }
        assertThat(prefixes).isEqualTo(20 + 33 + 48 + 7 + 7 + 4 + 6 + 6 + 26 + 39);
        byte[] confirm = hex("02 01 01 00 00 00");
        for (int n = 0; n < confirm.length; n++) {
            decodeError(V43, Arrays.copyOf(confirm, n));
        }
        byte[] confirm42 = hex("02 01 4D 61 69 6E 2F 43 68 61 74 00");
        for (int n = 0; n < confirm42.length; n++) {
            decodeError(V40, Arrays.copyOf(confirm42, n));
        }
    }

    /**
     * Every captured Godot 4.6 packet whose length is implied by its fields (all but RAW and
     * relayed RAW, whose data simply ends with the message) is refused when cut short anywhere.
     */
    @Test
    void everyProperPrefixOfTheCapturedPacketsIsRefused() throws IOException {
        ObjectMapper json = new ObjectMapper();
        int packets = 0;
        int prefixes = 0;
        for (String file : List.of("client-session.jsonl", "server-session.jsonl")) {
            for (String line : GoldenData.lines(GoldenData.file("godot4-real/" + file))) {
                JsonNode n = json.readTree(line);
                if (!n.has("decoded") || n.path("note").asText("").startsWith("close frame")) {
                    continue;
                }
                byte[] bytes = hex(n.get("hex").textValue());
                Packet p = V44.decode(bytes);
                if (p instanceof Raw || p instanceof Relay r && r.inner() instanceof Raw) {
                    continue;
                }
                packets++;
                for (int len = 0; len < bytes.length; len++) {
                    decodeError(V44, Arrays.copyOf(bytes, len));
                    prefixes++;
                }
            }
        }
        assertThat(packets).isEqualTo(37 + 32);
        assertThat(prefixes).isGreaterThan(2000);
    }

    // ------------------------------------------------------------------ malformed fields

    @Test
    void nodeIdSize3() {
        WireFormatException e = decodeError(V44, "30 01 00 00 00 00 00 01 02 2A");
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).isEqualTo("byte 0 is 0x30: node id size 3 is invalid");
    }

    @Test
    void unusedBit3() {
        WireFormatException e = decodeError(V44, "08 01 00 01 02 2A");
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).contains("bit 3 is unused");
    }

    @Test
    void pathOffsetOutOfRange() {
        // offset 0x21 = 33, but the packet has 33 bytes (0..32)
        WireFormatException e = decodeError(V44, "20 21" + EX2.substring(5));
        assertThat(e.offset()).isEqualTo(1);
        assertThat(e.reason()).isEqualTo("node path offset 33 is outside the arguments (packet of 33 bytes, header 6)");
        // offset 3 points into the header
        e = decodeError(V44, "20 03" + EX2.substring(5));
        assertThat(e.offset()).isEqualTo(1);
        assertThat(e.reason()).contains("node path offset 3 is outside the arguments");
        // offset 22: the "path" is the String's last padding byte, an empty name whose NUL is followed by 10 bytes
        e = decodeError(V44, "20 16" + EX2.substring(5));
        assertThat(e.offset()).isEqualTo(23);
        assertThat(e.reason()).isEqualTo("10 unexpected bytes after node path and its NUL");
        // offset 24: the path is "ain/Chat", the argument list has a stray byte 'M' after it
        e = decodeError(V44, "20 18" + EX2.substring(5));
        assertThat(e.offset()).isEqualTo(23);
        assertThat(e.reason()).isEqualTo("1 unexpected bytes after the 1 arguments");
    }

    @Test
    void trailingBytesAfterArguments() {
        WireFormatException e = decodeError(V44, "00 01 00 01 02 2A FF");
        assertThat(e.offset()).isEqualTo(6);
        assertThat(e.reason()).isEqualTo("1 unexpected bytes after the 1 arguments");
        e = decodeError(V44, EX1 + " 00 00");
        assertThat(e.offset()).isEqualTo(20);
        assertThat(e.reason()).isEqualTo("2 unexpected bytes after the 1 arguments");
        // inside a relay the offsets still count from the start of the message
        e = decodeError(V44, "07 03 B1 68 DE 3A 00 01 00 01 02 2A FF");
        assertThat(e.offset()).isEqualTo(12);
        assertThat(e.reason()).isEqualTo("1 unexpected bytes after the 1 arguments");
    }

    @Test
    void bytesAfterOtherPackets() {
        WireFormatException e = decodeError(V44, EX3 + " 00");
        assertThat(e.offset()).isEqualTo(48);
        assertThat(e.reason()).isEqualTo("1 unexpected bytes after node path and its NUL");
        e = decodeError(V44, "02 01 01 00 00 00 00");
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).startsWith("CONFIRM_PATH is exactly 6 bytes in Godot 4.4+, got 7");
    }

    @Test
    void addPeerOf7Bytes() {
        WireFormatException e = decodeError(V44, "07 01 B1 68 DE 3A 00");
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).isEqualTo("ADD_PEER is exactly 6 bytes, got 7");
        e = decodeError(V44, "07 02 B1 68 DE");
        assertThat(e.reason()).isEqualTo("DEL_PEER is exactly 6 bytes, got 5");
    }

    @Test
    void unknownSysCommand() {
        WireFormatException e = decodeError(V44, "07 04 B1 68 DE 3A");
        assertThat(e.offset()).isEqualTo(1);
        assertThat(e.reason()).isEqualTo("unknown SYS command 4");
    }

    @Test
    void relayOfASysPacket() {
        WireFormatException e = decodeError(V44, "07 03 B1 68 DE 3A 07 01 01 00 00 00");
        assertThat(e.offset()).isEqualTo(6);
        assertThat(e.reason()).contains("a relayed packet cannot be SYS");
        e = decodeError(V44, "07 03 B1 68 DE 3A 07 00");
        assertThat(e.offset()).isEqualTo(6);
        e = decodeError(V44, "07 03 B1 68 DE 3A");
        assertThat(e.reason()).isEqualTo("SYS RELAY is at least 7 bytes, got 6");
    }

    @Test
    void confirmPathOfTheWrongFormForTheVersion() {
        String pathForm = "02 01 4D 61 69 6E 2F 43 68 61 74 00";
        for (Godot4Packets codec : List.of(V43, V44)) {
            WireFormatException e = decodeError(codec, pathForm);
            assertThat(e.offset()).isZero();
            assertThat(e.reason()).isEqualTo("CONFIRM_PATH is exactly 6 bytes in Godot " + codec.version().label()
                    + ", got 12 (a 4.0-4.2 path form? decode with --godot 4.2)");
        }
        // 4.3's id form read as a 4.0-4.2 path: "\u0001", NUL, then 2 stray bytes
        WireFormatException e = decodeError(V40, "02 01 01 00 00 00");
        assertThat(e.offset()).isEqualTo(4);
        assertThat(e.reason()).isEqualTo("2 unexpected bytes after node path and its NUL");
        e = decodeError(V40, "02 01 01 01 01 01");
        assertThat(e.offset()).isEqualTo(2);
        assertThat(e.reason()).contains("node path has no terminating NUL");
    }

    @Test
    void invalidValidFlag() {
        WireFormatException e = decodeError(V44, "02 02 01 00 00 00");
        assertThat(e.offset()).isEqualTo(1);
        assertThat(e.reason()).isEqualTo("valid flag is 2, not 0 or 1");
    }

    @Test
    void messageOver65535Bytes() {
        byte[] max = new byte[65_535];
        max[0] = 3; // RAW
        assertThat(((Raw) V44.decode(max)).data()).hasSize(65_534);
        byte[] over = new byte[65_536];
        over[0] = 3;
        WireFormatException e = decodeError(V44, over);
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).isEqualTo("message of 65536 bytes exceeds Godot's limit of 65535");
    }

    @Test
    void badPeerIdMessages() {
        WireFormatException e = catchThrowableOfType(WireFormatException.class, () -> V44.decodePeerId(hex("15 CD 5B 07 00")));
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).isEqualTo("the peer-id message is 4 bytes, not 5");
        e = catchThrowableOfType(WireFormatException.class, () -> V44.decodePeerId(hex("01 00 00 00")));
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).startsWith("peer id 1 is invalid");
        e = catchThrowableOfType(WireFormatException.class, () -> V44.decodePeerId(hex("FF FF FF FF")));
        assertThat(e.reason()).startsWith("peer id -1 is invalid");
    }

    @Test
    void badArguments() {
        // a bool meta byte Godot never writes
        WireFormatException e = decodeError(V44, "00 01 00 01 41");
        assertThat(e.offset()).isEqualTo(4);
        assertThat(e.reason()).contains("0x41");
        // a null Object as Godot's compressor sends it (18 00 00 00): refused, as by a default receiver
        e = decodeError(V44, "00 01 00 01 18 00 00 00");
        assertThat(e.offset()).isEqualTo(4);
        assertThat(e.reason()).contains("full Object is refused");
        // Variant type 39 does not exist
        e = decodeError(V44, "00 01 00 01 27 00 00 00");
        assertThat(e.offset()).isEqualTo(4);
        assertThat(e.reason()).isEqualTo("unknown Variant type id 39");
        // PackedVector4Array (38) does not exist before 4.3
        e = decodeError(V40, "00 01 00 01 26 00 00 00 00 00 00 00");
        assertThat(e.offset()).isEqualTo(4);
        assertThat(e.reason()).contains("PackedVector4Array");
        assertThat(V43.decode(hex("00 01 00 01 26 00 00 00 00 00 00 00")))
                .isEqualTo(Rpc.of(CHAT, 0, new PackedVector4Array(List.of())));
    }

    @Test
    void badSimplifyPath() {
        // 'X' where the checksum's hex digits go
        WireFormatException e = decodeError(V44, "01 58" + EX3.substring(5));
        assertThat(e.offset()).isEqualTo(1);
        assertThat(e.reason()).isEqualTo("RPC checksum is not 32 hex digits");
        // a cache id with bit 31 set
        e = decodeError(V44, EX3.replace(" 00 01 00 00 00 4D", " 00 01 00 00 80 4D"));
        assertThat(e.offset()).isEqualTo(34);
        assertThat(e.reason()).contains("does not fit 31 bits");
    }

    // ------------------------------------------------------------------ encoding refusals

    @Test
    void tooManyRpcArgumentsIsRefusedByTheRecordConstructor() {
        List<Object> args255 = new ArrayList<>(Collections.nCopies(255, (Object) 1L));
        byte[] ok = V44.encode(Rpc.of(CHAT, 0, args255));
        assertThat(ok[3] & 0xFF).isEqualTo(255);
        assertThat(ok).hasSize(4 + 255 * 2);
        List<Object> args256 = new ArrayList<>(Collections.nCopies(256, (Object) 1L));
        // refused where the value is built, before any codec sees it: IllegalArgumentException
        assertThatThrownBy(() -> Rpc.of(CHAT, 0, args256))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("256 RPC arguments; Godot carries at most 255");
        assertThatThrownBy(() -> new Rpc(CHAT, 0, args256, new RpcLayout(1, 1, false)))
                .isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void messageOver65535BytesIsRefused() {
        assertThat(V44.encode(new Raw(new byte[65_534]))).hasSize(65_535);
        assertThatThrownBy(() -> V44.encode(new Raw(new byte[65_535])))
                .isInstanceOf(WireEncodingException.class)
                .hasMessageContaining("65536 bytes")
                .hasMessageContaining("limit of 65535 bytes per message");
        // the relay header counts too
        assertThat(V44.encode(new Relay(5, new Raw(new byte[65_528])))).hasSize(65_535);
        assertThatThrownBy(() -> V44.encode(new Relay(5, new Raw(new byte[65_529]))))
                .isInstanceOf(WireEncodingException.class);
        // and an RPC argument
        assertThatThrownBy(() -> V44.encode(Rpc.of(CHAT, 0, "x".repeat(70_000), 1L)))
                .isInstanceOf(WireEncodingException.class)
                .hasMessageContaining("limit of 65535");
    }

    @Test
    void godot3PacketsAreRefused() {
        assertThatThrownBy(() -> V44.encode(RemoteCall.of(CHAT, "send_chat", "hi")))
                .isInstanceOf(WireEncodingException.class)
                .hasMessage("RemoteCall (methods by name) is Godot 3 only; Godot 4.4+ uses Rpc with a method id");
        assertThatThrownBy(() -> V40.encode(new RemoteSet(CHAT, "nickname", "bob")))
                .isInstanceOf(WireEncodingException.class).hasMessageContaining("Godot 3 only");
        assertThatThrownBy(() -> V43.encode(new Routed(2, 1, new Raw(new byte[] {1}))))
                .isInstanceOf(WireEncodingException.class).hasMessageContaining("Godot 3 only");
        assertThatThrownBy(() -> V44.encode(SimplifyPath.godot3(1, "Main/Chat")))
                .isInstanceOf(WireEncodingException.class).hasMessageContaining("methodsMd5");
    }

    @Test
    void packedVector4ArrayBefore43IsRefused() {
        PackedVector4Array v = new PackedVector4Array(List.of(new Vector4(1, 2, 3, 4)));
        assertThatThrownBy(() -> V40.encode(Rpc.of(CHAT, 0, v, 1L)))
                .isInstanceOf(WireEncodingException.class)
                .hasMessageContaining("PackedVector4Array does not exist before Godot 4.3");
        Rpc rpc = Rpc.of(CHAT, 0, v, 1L);
        assertThat(V43.decode(V43.encode(rpc))).isEqualTo(rpc);
    }

    @Test
    void confirmPathOfTheWrongFormIsRefused() {
        assertThatThrownBy(() -> V43.encode(new ConfirmPath(true, new NodeRef.Path("Main/Chat"))))
                .isInstanceOf(WireEncodingException.class).hasMessageContaining("by its cache id");
        assertThatThrownBy(() -> V40.encode(new ConfirmPath(true, CHAT)))
                .isInstanceOf(WireEncodingException.class).hasMessageContaining("by echoing it");
    }

    @Test
    void sysPacketsCannotBeRelayed() {
        assertThatThrownBy(() -> V44.encode(new Relay(5, new AddPeer(7))))
                .isInstanceOf(WireEncodingException.class).hasMessage("SYS packets cannot be relayed");
        assertThatThrownBy(() -> V44.encode(new Relay(5, new Relay(6, new Raw(new byte[] {1})))))
                .isInstanceOf(WireEncodingException.class);
        assertThatThrownBy(() -> V44.encode(new Relay(5, Auth.COMPLETE)))
                .isInstanceOf(WireEncodingException.class);
        assertThatThrownBy(() -> V44.encode(new Relay(5, new PeerId(7))))
                .isInstanceOf(WireEncodingException.class);
    }

    @Test
    void invalidPeerIdIsRefused() {
        assertThatThrownBy(() -> V44.encode(new PeerId(1))).isInstanceOf(WireEncodingException.class);
        assertThatThrownBy(() -> V44.encode(new PeerId(0))).isInstanceOf(WireEncodingException.class);
    }

    @Test
    void valuesGodotCannotHoldAreRefused() {
        assertThatThrownBy(() -> V44.encode(Rpc.of(CHAT, 0, "a\0b", 1L)))
                .isInstanceOf(WireEncodingException.class).hasMessageContaining("U+0000");
        assertThatThrownBy(() -> V44.encode(Rpc.of(CHAT, 0, new Object(), 1L)))
                .isInstanceOf(WireEncodingException.class).hasMessageContaining("no Godot Variant type");
    }

    @Test
    void recordConstructorsRefuseImpossibleFields() {
        // these are refused by the records themselves (IllegalArgumentException), not by the codec
        assertThatThrownBy(() -> new Rpc(new NodeRef.Cached(300), 0, List.of(), new RpcLayout(1, 1, true)))
                .isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rpc(new NodeRef.Path("Main"), 0, List.of(), new RpcLayout(2, 1, true)))
                .isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rpc(CHAT, 300, List.of(), new RpcLayout(1, 1, true)))
                .isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rpc(CHAT, 0, List.of("x"), new RpcLayout(1, 1, true)))
                .isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RpcLayout(3, 1, false)).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Raw(new byte[0])).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeRef.Cached(-1)).isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SimplifyPath(1, "Main", "abc")).isExactlyInstanceOf(IllegalArgumentException.class);
    }
}
