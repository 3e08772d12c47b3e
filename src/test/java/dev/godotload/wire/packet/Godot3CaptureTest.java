package dev.godotload.wire.packet;

import static dev.godotload.testing.GoldenData.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.godotload.testing.ExpectedValues;
import dev.godotload.testing.GoldenData;
import dev.godotload.testing.PyLiteral;

/**
 * Every Godot data message captured between real Godot 3.2.3 processes ({@code godot3-captures/}):
 * decoded with {@link Godot3Packets}, re-encoded byte for byte, and compared with the capture
 * tool's own decoding.
 */
class Godot3CaptureTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Godot3Packets CODEC = Godot3Packets.INSTANCE;
    private static final Pattern FULL_PATH = Pattern.compile("full path appended at offset (\\d+)");
    private static final Set<String> KNOWN_MP_FIELDS = Set.of("cmd", "path_id", "path", "method", "path_mode", "argc",
            "args", "trailing_after_args", "property", "value", "raw_hex");

    record Counts(int messages, Map<String, Integer> byKind) {
    }

    @Test
    void sessionFrames() {
        Counts c = checkFrames("session.frames.jsonl");
        // 12 peer-header messages (ids, joins, leaves) and 34 MultiplayerAPI packets
        assertThat(c).isEqualTo(new Counts(46, Map.of("SYS_ID", 3, "SYS_ADD", 7, "SYS_DEL", 2,
                "SIMPLIFY_PATH", 7, "CONFIRM_PATH", 7, "REMOTE_CALL", 18, "REMOTE_SET", 1, "RAW", 1)));
    }

    @Test
    void subprotocolFrames() {
        Counts c = checkFrames("subproto.frames.jsonl");
        assertThat(c).isEqualTo(new Counts(2, Map.of("SYS_ID", 1, "SYS_ADD", 1)));
    }

    @Test
    void namedVectors() throws IOException {
        JsonNode vectors = JSON.readTree(Files.readString(GoldenData.file("godot3-captures/vectors.json")));
        Map<String, Integer> byKind = new LinkedHashMap<>();
        int entries = 0;
        int skippedHttp = 0;
        int skippedClose = 0;
        int checked = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = vectors.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            entries++;
            JsonNode v = e.getValue();
            if (!v.has("payload_hex")) {
                assertThat(e.getKey()).contains("HTTP");
                skippedHttp++;
                continue;
            }
            JsonNode decoded = v.get("decoded");
            if (decoded.has("close_code")) {
                assertThat(e.getKey()).contains("close"); // a WebSocket close frame, not a Godot message
                skippedClose++;
                continue;
            }
            String kind = check("vectors.json \"" + e.getKey() + "\"", hex(v.get("payload_hex").textValue()), decoded);
            byKind.merge(kind, 1, Integer::sum);
            checked++;
        }
        assertThat(new int[] {entries, skippedHttp, skippedClose, checked}).containsExactly(29, 2, 6, 21);
        assertThat(byKind).isEqualTo(Map.of("SYS_ID", 1, "SYS_ADD", 1, "SYS_DEL", 1, "SIMPLIFY_PATH", 3,
                "CONFIRM_PATH", 3, "REMOTE_CALL", 10, "REMOTE_SET", 1, "RAW", 1));
    }

    private static Counts checkFrames(String file) {
        Map<String, Integer> byKind = new LinkedHashMap<>();
        int n = 0;
        for (String line : GoldenData.lines(GoldenData.file("godot3-captures/" + file))) {
            JsonNode f = readJson(line);
            if (!"ws".equals(f.path("kind").asText()) || f.get("opcode").intValue() != 2) {
                continue;
            }
            assertThat(f.get("masked").booleanValue()).isEqualTo("c2s".equals(f.get("dir").textValue()));
            byte[] payload = hex(f.get("payload_hex").textValue());
            assertThat(payload).hasSize(f.get("length").intValue());
            String where = file + " t=" + f.get("t") + " " + f.get("dir").textValue();
            byKind.merge(check(where, payload, f.get("godot")), 1, Integer::sum);
            n++;
        }
        return new Counts(n, byKind);
    }

    private static JsonNode readJson(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Decode, re-encode byte for byte, compare with the capture's decoding; returns the message kind. */
    static String check(String where, byte[] payload, JsonNode g) {
        Routed r = CODEC.decode(payload);
        assertThat(hex(CODEC.encode(r))).as(where + " re-encoded").isEqualTo(hex(payload));
        assertThat(r.from()).as(where + " from").isEqualTo(g.get("from").intValue());
        assertThat(r.to()).as(where + " to").isEqualTo(g.get("to").intValue());
        String type = g.get("type").textValue();
        assertThat(payload[0]).as(where + " header type byte")
                .isEqualTo((byte) List.of("SYS_NONE", "SYS_ADD", "SYS_DEL", "SYS_ID").indexOf(type));
        switch (type) {
            case "SYS_ID" -> assertThat(r.packet()).as(where).isEqualTo(new PeerId(g.get("peer_id").intValue()));
            case "SYS_ADD" -> assertThat(r.packet()).as(where).isEqualTo(new AddPeer(g.get("peer_id").intValue()));
            case "SYS_DEL" -> assertThat(r.packet()).as(where).isEqualTo(new DelPeer(g.get("peer_id").intValue()));
            case "SYS_NONE" -> {
                return checkApi(where, payload, r.packet(), g.get("mp"));
            }
            default -> throw new AssertionError(where + ": type " + type);
        }
        return type;
    }

    private static String checkApi(String where, byte[] payload, Packet p, JsonNode mp) {
        Set<String> keys = new HashSet<>();
        mp.fieldNames().forEachRemaining(keys::add);
        assertThat(KNOWN_MP_FIELDS).as(where + " fields the test knows").containsAll(keys);
        String cmd = mp.get("cmd").textValue();
        switch (cmd) {
            case "SIMPLIFY_PATH" -> assertThat(p).as(where)
                    .isEqualTo(SimplifyPath.godot3(mp.get("path_id").intValue(), mp.get("path").textValue()));
            case "CONFIRM_PATH" -> assertThat(p).as(where)
                    .isEqualTo(new ConfirmPath(true, new NodeRef.Path(mp.get("path").textValue())));
            case "RAW" -> assertThat(p).as(where).isEqualTo(new Raw(hex(mp.get("raw_hex").textValue())));
            case "REMOTE_CALL" -> {
                assertThat(p).as(where).isInstanceOf(RemoteCall.class);
                RemoteCall call = (RemoteCall) p;
                assertThat(call.method()).as(where + " method").isEqualTo(mp.get("method").textValue());
                checkNode(where, payload, call.node(), mp);
                Object args = ExpectedValues.fromPython(PyLiteral.parse(mp.get("args").textValue()));
                assertThat((List<?>) args).as(where + " argc").hasSize(mp.get("argc").intValue());
                ExpectedValues.assertVariant(where + " args", args, call.args());
            }
            case "REMOTE_SET" -> {
                assertThat(p).as(where).isInstanceOf(RemoteSet.class);
                RemoteSet set = (RemoteSet) p;
                assertThat(set.property()).as(where + " property").isEqualTo(mp.get("property").textValue());
                checkNode(where, payload, set.node(), mp);
                Object value = ExpectedValues.fromPython(PyLiteral.parse(mp.get("value").textValue()));
                ExpectedValues.assertVariant(where + " value", value, set.value());
            }
            default -> throw new AssertionError(where + ": cmd " + cmd);
        }
        if (mp.has("trailing_after_args")) {
            assertThat(mp.get("trailing_after_args").intValue()).as(where + " trailing bytes").isZero();
        }
        return cmd;
    }

    /** path_mode "cached id" + path_id, or "full path appended at offset N" + path (N counted from the cmd byte). */
    private static void checkNode(String where, byte[] payload, NodeRef node, JsonNode mp) {
        String mode = mp.get("path_mode").textValue();
        if (mode.equals("cached id")) {
            assertThat(node).as(where + " node").isEqualTo(new NodeRef.Cached(mp.get("path_id").intValue()));
            assertThat(payload[9 + 4] & 0x80).as(where + " target bit 31").isZero();
            return;
        }
        Matcher m = FULL_PATH.matcher(mode);
        assertThat(m.matches()).as(where + " path_mode '%s'", mode).isTrue();
        int offset = Integer.parseInt(m.group(1));
        String path = mp.get("path").textValue();
        assertThat(node).as(where + " node").isEqualTo(new NodeRef.Path(path));
        // the target field is 0x80000000 | offset, and the path + NUL fill the message from there
        int target = (payload[10] & 0xFF) | (payload[11] & 0xFF) << 8 | (payload[12] & 0xFF) << 16 | (payload[13] & 0xFF) << 24;
        assertThat(target).as(where + " target").isEqualTo(0x8000_0000 | offset);
        byte[] tail = Arrays.copyOfRange(payload, 9 + offset, payload.length);
        assertThat(new String(tail, StandardCharsets.UTF_8)).as(where + " appended path").isEqualTo(path + "\0");
    }
}
