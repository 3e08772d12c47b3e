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
import dev.godotload.wire.variant.StringName;
import dev.godotload.wire.variant.Vector2i;

/** What the Godot 3 codec refuses, and that it says where and why. */
class Godot3PacketErrorsTest {
    private static final Godot3Packets CODEC = Godot3Packets.INSTANCE;
    private static final int B = 198326032;
    /** Peer header: data, from B (1037d20b), to the server. */
    private static final String HDR = "00 1037d20b 01000000 ";
    private static final NodeRef CHAT = new NodeRef.Cached(1);

    /** The bytes in hex, cut after 64 bytes so a failure message stays readable. */
    private static String shortHex(byte[] bytes) {
        return bytes.length <= 64 ? GoldenData.hex(bytes)
                : GoldenData.hex(Arrays.copyOf(bytes, 64)) + "... (" + bytes.length + " bytes)";
    }

    private static WireFormatException decodeError(String hex) {
        return decodeError(hex(hex));
    }

    private static WireFormatException decodeError(byte[] bytes) {
        WireFormatException e = catchThrowableOfType(WireFormatException.class, () -> CODEC.decode(bytes));
        assertThat(e).as("decoding %s must fail", shortHex(bytes)).isNotNull();
        assertThat(e.getMessage()).isEqualTo("offset " + e.offset() + ": " + e.reason());
        return e;
    }

    @Test
    void truncatedPeerHeader() {
        WireFormatException e = decodeError("00 1037d20b 010000");
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).isEqualTo("the 9-byte Godot 3 peer header needs 9 bytes, 8 left");
        e = decodeError("");
        assertThat(e.offset()).isZero();
    }

    @Test
    void headerWithoutPayload() {
        WireFormatException e = decodeError(HDR);
        assertThat(e.offset()).isEqualTo(9);
        assertThat(e.reason()).isEqualTo("MultiplayerAPI command needs 1 bytes, 0 left");
        e = decodeError("03 01000000 00000000 e0333a");
        assertThat(e.offset()).isEqualTo(9);
        assertThat(e.reason()).isEqualTo("peer id needs 4 bytes, 3 left");
        e = decodeError("03 01000000 00000000 e0333a5d 00");
        assertThat(e.offset()).isEqualTo(13);
        assertThat(e.reason()).isEqualTo("1 unexpected bytes after the peer id");
    }

    @Test
    void unknownHeaderType() {
        WireFormatException e = decodeError("04 01000000 00000000 e0333a5d");
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).isEqualTo("unknown Godot 3 peer header type 4 (0 data, 1 SYS_ADD, 2 SYS_DEL, 3 SYS_ID)");
        e = decodeError("ff 01000000 00000000 e0333a5d");
        assertThat(e.reason()).startsWith("unknown Godot 3 peer header type 255");
    }

    @Test
    void unknownCommand() {
        WireFormatException e = decodeError(HDR + "05 01");
        assertThat(e.offset()).isEqualTo(9);
        assertThat(e.reason()).startsWith("unknown Godot 3 MultiplayerAPI command 5");
    }

    @Test
    void methodNameWithoutNul() {
        // REMOTE_CALL, cached id 1, "send" and no NUL
        WireFormatException e = decodeError(HDR + "00 01000000 73656e64");
        assertThat(e.offset()).isEqualTo(14);
        assertThat(e.reason()).isEqualTo("method name has no terminating NUL in the 4 bytes left");
        // full-path form: the name must end before the path does
        e = decodeError(HDR + "00 07000080 7365 4d61696e00");
        assertThat(e.offset()).isEqualTo(14);
        assertThat(e.reason()).isEqualTo("method name has no terminating NUL in the 2 bytes left");
        // REMOTE_SET: the property name
        e = decodeError(HDR + "01 01000000 6e69636b");
        assertThat(e.offset()).isEqualTo(14);
        assertThat(e.reason()).startsWith("property name has no terminating NUL");
    }

    @Test
    void truncatedArguments() {
        // argc 2, one argument
        WireFormatException e = decodeError(HDR + "00 01000000 6100 02 02000000 07000000");
        assertThat(e.offset()).isEqualTo(25);
        assertThat(e.reason()).isEqualTo("Variant header needs 4 bytes, 0 left");
        // argc missing
        e = decodeError(HDR + "00 01000000 6100");
        assertThat(e.offset()).isEqualTo(16);
        assertThat(e.reason()).isEqualTo("argument count needs 1 bytes, 0 left");
    }

    @Test
    void trailingBytesAfterArguments() {
        WireFormatException e = decodeError(HDR + "00 01000000 6100 01 02000000 07000000 ff");
        assertThat(e.offset()).isEqualTo(25);
        assertThat(e.reason()).isEqualTo("1 unexpected bytes after the 1 arguments");
        e = decodeError(HDR + "01 01000000 6100 02000000 07000000 ff");
        assertThat(e.offset()).isEqualTo(24);
        assertThat(e.reason()).isEqualTo("1 unexpected bytes after the property value");
        e = decodeError(HDR + "02 01000000 4d61696e00 00");
        assertThat(e.offset()).isEqualTo(19);
        assertThat(e.reason()).isEqualTo("1 unexpected bytes after node path and its NUL");
    }

    @Test
    void pathOffsetOutOfRange() {
        // target 0x80000010 = offset 16, but the payload is 8 bytes
        WireFormatException e = decodeError(HDR + "00 10000080 6100 00");
        assertThat(e.offset()).isEqualTo(10);
        assertThat(e.reason()).isEqualTo("node path offset 16 is outside the 8-byte packet");
        e = decodeError(HDR + "00 04000080 6100 00");
        assertThat(e.offset()).isEqualTo(10);
        assertThat(e.reason()).isEqualTo("node path offset 4 is outside the 8-byte packet");
    }

    @Test
    void shortPackets() {
        assertThat(decodeError(HDR + "03").reason()).isEqualTo("CONFIRM_PATH is at least 2 bytes, got 1");
        assertThat(decodeError(HDR + "04").reason()).isEqualTo("RAW is at least 2 bytes, got 1");
        assertThat(decodeError(HDR + "02 01000000").reason()).isEqualTo("SIMPLIFY_PATH is at least 6 bytes, got 5");
        assertThat(decodeError(HDR + "00 01000000").reason()).isEqualTo("REMOTE_CALL is at least 6 bytes, got 5");
        assertThat(decodeError(HDR + "03").offset()).isEqualTo(9);
        assertThat(decodeError(HDR + "03 4d61696e").reason()).startsWith("node path has no terminating NUL");
    }

    /**
     * Every captured Godot 3 message whose length is implied by its fields (all but RAW, whose
     * data ends with the message) is refused when cut short anywhere.
     */
    @Test
    void everyProperPrefixOfTheCapturedMessagesIsRefused() throws IOException {
        ObjectMapper json = new ObjectMapper();
        int messages = 0;
        int prefixes = 0;
        for (String line : GoldenData.lines(GoldenData.file("godot3-captures/session.frames.jsonl"))) {
            JsonNode f = json.readTree(line);
            if (!"ws".equals(f.path("kind").asText()) || f.get("opcode").intValue() != 2) {
                continue;
            }
            byte[] bytes = hex(f.get("payload_hex").textValue());
            if (CODEC.decode(bytes).packet() instanceof Raw) {
                continue;
            }
            messages++;
            for (int n = 0; n < bytes.length; n++) {
                decodeError(Arrays.copyOf(bytes, n));
                prefixes++;
            }
        }
        assertThat(messages).isEqualTo(45);
        assertThat(prefixes).isGreaterThan(1500);
    }

    @Test
    void messageOverTheLimit() {
        byte[] max = new byte[65_535];
        max[9] = 4; // RAW
        assertThat(((Raw) CODEC.decode(max).packet()).data()).hasSize(65_525);
        byte[] over = new byte[65_536];
        over[9] = 4;
        WireFormatException e = decodeError(over);
        assertThat(e.offset()).isZero();
        assertThat(e.reason()).isEqualTo("message of 65536 bytes exceeds Godot 3's limit of 65535");
    }

    // ------------------------------------------------------------------ encoding refusals

    @Test
    void messageOverTheLimitIsRefused() {
        assertThat(CODEC.encode(new Routed(B, 1, new Raw(new byte[65_525])))).hasSize(65_535);
        assertThatThrownBy(() -> CODEC.encode(new Routed(B, 1, new Raw(new byte[65_526]))))
                .isInstanceOf(WireEncodingException.class)
                .hasMessageContaining("65536 bytes")
                .hasMessageContaining("limit of 65535 bytes per message");
    }

    @Test
    void godot4PacketsAreRefused() {
        assertThatThrownBy(() -> CODEC.encode(new Routed(B, 1, Rpc.of(CHAT, 0, "hi"))))
                .isInstanceOf(WireEncodingException.class)
                .hasMessage("Rpc does not exist in Godot 3");
        for (Packet p : List.of(new Relay(5, new Raw(new byte[] {1})), Auth.COMPLETE,
                new Despawn(1))) {
            assertThatThrownBy(() -> CODEC.encode(new Routed(B, 1, p)))
                    .isInstanceOf(WireEncodingException.class)
                    .hasMessageEndingWith("does not exist in Godot 3");
        }
        assertThatThrownBy(() -> CODEC.encode(new SimplifyPath(1, "Main/Chat", "9873620e1a4cd5f998277279495460f3")))
                .isInstanceOf(WireEncodingException.class)
                .hasMessageContaining("wrap the SimplifyPath in Routed");
        assertThatThrownBy(() -> CODEC.encode(new Routed(B, 1,
                new SimplifyPath(1, "Main/Chat", "9873620e1a4cd5f998277279495460f3"))))
                .isInstanceOf(WireEncodingException.class)
                .hasMessageContaining("no RPC checksum");
        assertThatThrownBy(() -> CODEC.encode(new Routed(B, 1, new ConfirmPath(true, CHAT))))
                .isInstanceOf(WireEncodingException.class);
        assertThatThrownBy(() -> CODEC.encode(new Routed(B, 1, new ConfirmPath(false, new NodeRef.Path("Main/Chat")))))
                .isInstanceOf(WireEncodingException.class);
    }

    @Test
    void godot4OnlyVariantsAreRefused() {
        assertThatThrownBy(() -> CODEC.encode(new Routed(B, 1, RemoteCall.of(CHAT, "move", new Vector2i(1, 2)))))
                .isInstanceOf(WireEncodingException.class)
                .hasMessage("Godot 3 has no Vector2i type");
        assertThatThrownBy(() -> CODEC.encode(new Routed(B, 1, new RemoteSet(CHAT, "name", new StringName("x")))))
                .isInstanceOf(WireEncodingException.class)
                .hasMessage("Godot 3 has no StringName type");
    }

    @Test
    void tooManyArgumentsIsRefusedByTheRecordConstructor() {
        List<Object> args256 = new ArrayList<>(Collections.nCopies(256, (Object) 1L));
        assertThatThrownBy(() -> new RemoteCall(CHAT, "m", args256))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("256 RPC arguments; Godot carries at most 255");
        List<Object> args255 = new ArrayList<>(Collections.nCopies(255, (Object) 1L));
        byte[] ok = CODEC.encode(new Routed(B, 1, new RemoteCall(CHAT, "m", args255)));
        assertThat(ok[9 + 1 + 4 + 2] & 0xFF).isEqualTo(255);
        assertThat(CODEC.decode(ok)).isEqualTo(new Routed(B, 1, new RemoteCall(CHAT, "m", args255)));
    }

    @Test
    void routedCannotNest() {
        assertThatThrownBy(() -> new Routed(1, 0, new Routed(1, 0, new PeerId(5))))
                .isExactlyInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void godot3HasOneMessageLimit() {
        assertThat(GodotVersion.GODOT_3.maxMessageBytes()).isEqualTo(65_535);
    }
}
