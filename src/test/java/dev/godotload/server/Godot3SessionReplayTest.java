package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.godotload.testing.GoldenData;
import dev.godotload.testing.WsClient;
import dev.godotload.wire.packet.Godot3Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.RemoteCall;
import dev.godotload.wire.packet.Routed;

/**
 * The real Godot 3.2.3 session ({@code godot3-captures/session.frames.jsonl}: a Godot server, Godot
 * clients A and B, then a Python stand-in) replayed against the reference server, byte for byte
 * where the game is the same. Our server draws its own peer ids, so the captured ids are replaced
 * by ours wherever they occur (headers, SYS payloads, INT arguments). The lab's chat calls
 * {@code send_chat(text)}/{@code receive_chat(from, text)}; the contract's calls
 * {@code send_message(text, sent_usec, seq)}/{@code receive_message(from, text, sent_usec, seq)}:
 * for those the test checks the form Godot gave the captured message (header, target field, path
 * appended or cached id) and that our codec rebuilds the captured bytes from their fields.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Godot3SessionReplayTest {
    private static final String CAPTURED_A = "e0333a5d";
    private static final String CAPTURED_B = "1037d20b";
    private static final String CAPTURED_PY = "db19a964";
    private static final String TEXT = "hello from B";
    private static final Godot3Packets CODEC = Godot3Packets.INSTANCE;
    private static List<JsonNode> records;

    private RunningGodot3Server s;
    private final List<String[]> ids = new ArrayList<>();

    @BeforeAll
    static void load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        records = new ArrayList<>();
        for (String line : Files.readAllLines(GoldenData.file("godot3-captures/session.frames.jsonl"))) {
            records.add(json.readTree(line));
        }
        assertThat(records).hasSize(67);
    }

    @AfterEach
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    @Test
    void theCapturedSessionPlaysOutTheSameOnTheReferenceServer() throws Exception {
        s = RunningGodot3Server.start();

        // ---- A joins an empty server (#3, #4)
        Godot3WirePeer a = s.connect();
        ids.add(new String[] {CAPTURED_A, le(a.id)});
        assertThat(hex(a.idMessage)).isEqualTo(captured(3));
        a.expect(captured(4));

        // ---- B joins (#8-#10 to B, #11 to A)
        Godot3WirePeer b = s.connect();
        ids.add(new String[] {CAPTURED_B, le(b.id)});
        assertThat(hex(b.idMessage)).isEqualTo(captured(8));
        b.expect(captured(9));
        b.expect(captured(10));
        a.expect(captured(11));

        // ---- B announces Main/Chat (#12) and the server confirms it (#14)
        b.send(captured(12));
        b.expect(captured(14));

        // ---- B's first chat line, by full path as in #13; the server rebroadcasts per peer (#15-#18)
        byte[] send = CODEC.encode(new Routed(b.id, 1, new RemoteCall(NodeRef.path("Main/Chat"), "send_message",
                List.of(TEXT, 1000L, 1L))));
        assertSameForm(captured(13), hex(send));
        b.send(send);
        a.expect(captured(15)); // SIMPLIFY_PATH(1, "Main/Chat") to A, byte for byte
        String toA = a.nextHex();
        assertSameForm(captured(16), toA);
        assertThat(toA).isEqualTo(fromServer(a.id, NodeRef.path("Main/Chat"), b.id, TEXT, 1000, 1));
        b.expect(captured(17));
        String toB = b.nextHex();
        assertSameForm(captured(18), toB);
        assertThat(toB).isEqualTo(fromServer(b.id, NodeRef.path("Main/Chat"), b.id, TEXT, 1000, 1));

        // ---- both confirm (#19, #20); B's next line goes by cached id (#21) and comes back ONCE, to 0 (#22, #23)
        a.send(captured(19));
        b.send(captured(20));
        a.barrier();
        byte[] cached = CODEC.encode(new Routed(b.id, 1, new RemoteCall(NodeRef.cached(1), "send_message",
                List.of(TEXT, 2000L, 2L))));
        assertSameForm(captured(21), hex(cached));
        b.send(cached);
        String broadcast = fromServer(0, NodeRef.cached(1), b.id, TEXT, 2000, 2);
        assertSameForm(captured(22), broadcast);
        b.expect(broadcast);
        a.expect(broadcast);

        // ---- B's REMOTE_SET (#27) is refused, nothing is sent; B's SIMPLIFY_PATH to A is relayed (#28 -> #31)
        b.send(captured(27));
        b.send(captured(28));
        a.expect(captured(31));
        a.send(captured(33));
        b.expect(captured(34));
        b.send(captured(35)); // RAW to the server: ignored
        Godot3WirePeer.expectNothing(a, b);

        // ---- B says goodbye as Godot does, "bye\0" (#36): echoed (#38), A learns of it (#37)
        b.ws.closeWith(1000, "bye\0");
        assertThat(b.ws.awaitClose()).isEqualTo(1000);
        assertThat(b.ws.closeReason.get(WsClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("bye\0");
        assertThat(payload(38)).isEqualTo("03e862796500");
        a.expect(captured(37));

        // ---- the Python stand-in joins (#43 to A, #45-#47 to it)
        Godot3WirePeer py = s.connect();
        ids.add(new String[] {CAPTURED_PY, le(py.id)});
        assertThat(hex(py.idMessage)).isEqualTo(captured(45));
        py.expect(captured(46));
        py.expect(captured(47));
        a.expect(captured(43));

        // ---- it announces and calls by path (#48, #49): CONFIRM_PATH, SIMPLIFY_PATH, call by path to it
        // (#50-#52), and A, which confirmed long ago, gets the call by cached id addressed to A (#53)
        py.send(captured(48));
        byte[] fromPy = CODEC.encode(new Routed(py.id, 1, new RemoteCall(NodeRef.path("Main/Chat"), "send_message",
                List.of("hello from python", 3000L, 1L))));
        assertSameForm(captured(49), hex(fromPy));
        py.send(fromPy);
        py.expect(captured(50));
        py.expect(captured(51));
        String toPy = py.nextHex();
        assertSameForm(captured(52), toPy);
        assertThat(toPy).isEqualTo(fromServer(py.id, NodeRef.path("Main/Chat"), py.id, "hello from python", 3000, 1));
        String toAById = a.nextHex();
        assertSameForm(captured(53), toAById);
        assertThat(toAById).isEqualTo(fromServer(a.id, NodeRef.cached(1), py.id, "hello from python", 3000, 1));

        // ---- it leaves with "bye" (#58, #59): echoed; A gets SYS_DEL (#60)
        py.ws.closeWith(1000, "bye");
        assertThat(py.ws.closeReason.get(WsClient.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("bye");
        assertThat(payload(59)).isEqualTo("03e8627965");
        a.expect(captured(60));
        Godot3WirePeer.expectNothing(a);
    }

    /**
     * What Godot made of the captured call, ours must be made of too: the same 9-byte header, the
     * same command, the same target form (the same cached id, or bit 31 with the offset of a path
     * appended after the arguments, the same path). And the captured bytes are exactly what our codec
     * writes for the fields it reads from them.
     */
    private void assertSameForm(String capturedHex, String oursHex) {
        byte[] captured = GoldenData.hex(capturedHex);
        assertThat(GoldenData.hex(CODEC.encode(CODEC.decode(captured)))).as("codec rebuilds the capture")
                .isEqualTo(capturedHex);
        RemoteCall theirs = (RemoteCall) CODEC.decode(captured).packet();
        RemoteCall ours = (RemoteCall) CODEC.decode(GoldenData.hex(oursHex)).packet();
        assertThat(oursHex.substring(0, 20)).as("header and command").isEqualTo(capturedHex.substring(0, 20));
        assertThat(ours.node()).isEqualTo(theirs.node());
        int oursTarget = le32(oursHex, 10);
        int theirTarget = le32(capturedHex, 10);
        if (theirs.node() instanceof NodeRef.Path p) {
            String path = GoldenData.hex((p.path() + "\0").getBytes(StandardCharsets.UTF_8));
            assertThat(theirTarget & 0x8000_0000).isNotZero();
            assertThat(oursTarget & 0x8000_0000).isNotZero();
            assertThat(capturedHex).endsWith(path);
            assertThat(oursHex).endsWith(path);
            // the offset counts from the command byte to the appended path
            assertThat(9 + (oursTarget & 0x7fff_ffff)).isEqualTo(oursHex.length() / 2 - path.length() / 2);
            assertThat(9 + (theirTarget & 0x7fff_ffff)).isEqualTo(capturedHex.length() / 2 - path.length() / 2);
        } else {
            assertThat(oursTarget).isEqualTo(theirTarget);
        }
    }

    private static String fromServer(int to, NodeRef node, int from, String text, long usec, long seq) {
        return GoldenData.hex(CODEC.encode(new Routed(1, to, new RemoteCall(node, "receive_message",
                List.of((long) from, text, usec, seq)))));
    }

    /** Record {@code i}'s message with the captured ids replaced by ours. */
    private String captured(int i) {
        String hex = payload(i);
        for (String[] pair : ids) {
            hex = replaceAligned(hex, pair[0], pair[1]);
        }
        return hex;
    }

    private static String payload(int i) {
        JsonNode r = records.get(i);
        assertThat(r.path("kind").asText()).as("record %d", i).isEqualTo("ws");
        return r.path("payload_hex").asText();
    }

    /** Replaces whole bytes only: a match must start on a byte boundary. */
    private static String replaceAligned(String hex, String from, String to) {
        StringBuilder out = new StringBuilder(hex.length());
        int i = 0;
        while (i < hex.length()) {
            if (hex.startsWith(from, i)) {
                out.append(to);
                i += from.length();
            } else {
                out.append(hex, i, i + 2);
                i += 2;
            }
        }
        return out.toString();
    }

    private static int le32(String hex, int byteOffset) {
        byte[] b = GoldenData.hex(hex.substring(2 * byteOffset, 2 * byteOffset + 8));
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }

    private static String le(int v) {
        return Godot3WirePeer.le(v);
    }

    private static String hex(byte[] b) {
        return GoldenData.hex(b);
    }
}
