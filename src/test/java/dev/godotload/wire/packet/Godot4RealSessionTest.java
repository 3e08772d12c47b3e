package dev.godotload.wire.packet;

import static dev.godotload.testing.GoldenData.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.godotload.testing.ExpectedValues;
import dev.godotload.testing.GoldenData;
import dev.godotload.testing.PyLiteral;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.variant.PackedInt32Array;

/**
 * Every binary message of the captured Godot 4.6 sessions ({@code godot4-real/}): decoded with
 * the 4.4+ codec, re-encoded byte for byte, and compared field by field with the capture's own
 * decoding ({@code decoded}: structured JSON in the client session, a Python repr in the server
 * session).
 */
class Godot4RealSessionTest {
    private static final Godot4Packets CODEC = Godot4Packets.of(GodotVersion.GODOT_4_4);
    private static final Set<String> KNOWN_FIELDS = Set.of("cmd", "len", "md5", "cache_id", "path", "node", "form",
            "node_size", "method_id", "args", "byte_only_or_no_args", "valid", "format", "sys", "peer", "inner", "data");

    /** What one file held, to show no loop ran empty. */
    record Tally(int lines, int http, int closeFrames, int peerIds, int packets, int truncatedReprs,
            Map<String, Integer> byCmd) {
    }

    private static List<JsonNode> read(String file) {
        return GoldenData.jsonLines("godot4-real/" + file);
    }

    @Test
    void clientSession() {
        List<JsonNode> lines = read("client-session.jsonl");
        int http = 0;
        int close = 0;
        int peerIds = 0;
        int packets = 0;
        Map<String, Integer> byCmd = new LinkedHashMap<>();
        boolean sawPeerId = false;
        for (JsonNode line : lines) {
            int i = line.get("i").intValue();
            String dir = line.get("dir").textValue();
            if (dir.endsWith("-http")) {
                assertThat(line.has("hex")).isFalse();
                http++;
                continue;
            }
            assertThat(dir).isIn("c2s", "s2c");
            byte[] bytes = hex(line.get("hex").textValue());
            assertThat(bytes).as("i=%d len", i).hasSize(line.get("len").intValue());
            if (line.get("opcode").intValue() == 8) {
                close++;
                continue;
            }
            assertThat(line.get("opcode").intValue()).as("i=%d opcode", i).isEqualTo(2);
            if (dir.equals("s2c") && !sawPeerId) {
                sawPeerId = true;
                assertThat(CODEC.decodePeerId(bytes)).isEqualTo(new PeerId(123456789));
                assertThat(CODEC.encode(new PeerId(123456789))).isEqualTo(bytes);
                peerIds++;
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) ExpectedValues.fromJson(line.get("decoded"));
            checkMessage("client-session i=" + i, bytes, fields);
            byCmd.merge((String) fields.get("cmd"), 1, Integer::sum);
            packets++;
        }
        Tally tally = new Tally(lines.size(), http, close, peerIds, packets, 0, byCmd);
        assertThat(tally).isEqualTo(new Tally(43, 2, 1, 1, 39, 0,
                Map.of("SIMPLIFY_PATH", 8, "REMOTE_CALL", 21, "CONFIRM_PATH", 6, "SYS", 3, "RAW", 1)));
    }

    @Test
    void serverSession() {
        List<JsonNode> lines = read("server-session.jsonl");
        int close = 0;
        int peerIds = 0;
        int packets = 0;
        int truncated = 0;
        Map<String, Integer> byCmd = new LinkedHashMap<>();
        Set<String> clientsWithId = new HashSet<>();
        for (JsonNode line : lines) {
            int i = line.get("i").intValue();
            String where = "server-session i=" + i;
            String client = line.get("client").textValue();
            String dir = line.get("dir").textValue();
            assertThat(dir).isIn("c2s", "s2c");
            byte[] bytes = hex(line.get("hex").textValue());
            assertThat(bytes).as("%s len", where).hasSize(line.get("len").intValue());
            String note = line.path("note").asText("");
            if (note.startsWith("close frame")) {
                // i=35: the payload of a close frame (code 1000), which the capture's decoder
                // mislabelled RAW. Not a SceneMultiplayer packet.
                assertThat(i).isEqualTo(35);
                assertThat(bytes).isEqualTo(hex("03e8"));
                close++;
                continue;
            }
            if (dir.equals("s2c") && clientsWithId.add(client)) {
                PeerId id = CODEC.decodePeerId(bytes);
                assertThat(id.id()).isEqualTo(client.equals("A") ? 1480066776 : 1417846467);
                assertThat(CODEC.encode(id)).isEqualTo(bytes);
                peerIds++;
                continue;
            }
            String repr = line.get("decoded").textValue();
            Object parsed;
            if (repr.endsWith("}")) {
                parsed = PyLiteral.parse(repr);
            } else {
                // i=29: the capture cut the repr of a 670-byte packet off; compare what is there
                parsed = PyLiteral.parseTruncated(repr);
                truncated++;
                assertThat(i).isEqualTo(29);
                checkTruncatedStats(where, bytes, parsed);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) ExpectedValues.fromPython(parsed);
            checkMessage(where, bytes, fields);
            byCmd.merge((String) fields.get("cmd"), 1, Integer::sum);
            packets++;
        }
        Tally tally = new Tally(lines.size(), 0, close, peerIds, packets, truncated, byCmd);
        assertThat(tally).isEqualTo(new Tally(37, 0, 1, 2, 34, 1,
                Map.of("SYS", 5, "SIMPLIFY_PATH", 10, "REMOTE_CALL", 13, "CONFIRM_PATH", 6)));
    }

    /** The cut-off repr of i=29 still names 14 whole entries of the stats Dictionary: they must all match. */
    private static void checkTruncatedStats(String where, byte[] bytes, Object parsed) {
        assertThat(parsed).isInstanceOf(PyLiteral.TruncatedDict.class);
        Object args = ((Map<?, ?>) parsed).get("args");
        assertThat(args).as(where).isInstanceOf(PyLiteral.TruncatedList.class);
        Object stats = ((List<?>) args).get(0);
        assertThat(stats).as(where).isInstanceOf(PyLiteral.TruncatedDict.class);
        assertThat((Map<?, ?>) stats).as(where).hasSize(14);
        assertThat(((Map<?, ?>) stats).get("process_msec")).isEqualTo(11.299999999999999);
        Rpc rpc = (Rpc) CODEC.decode(bytes);
        Map<?, ?> decodedStats = (Map<?, ?>) rpc.args().get(0);
        assertThat(decodedStats.size()).as(where).isGreaterThan(14);
        assertThat(decodedStats.get("engine")).isEqualTo("godot 4.6-stable (official)");
    }

    /** Decode, re-encode byte for byte, and compare with the capture's decoding. */
    static void checkMessage(String where, byte[] bytes, Map<String, Object> f) {
        Packet p = CODEC.decode(bytes);
        assertThat(hex(CODEC.encode(p))).as(where + " re-encoded").isEqualTo(hex(bytes));
        assertThat(KNOWN_FIELDS).as(where + " fields the test knows").containsAll(f.keySet());
        assertThat(f.get("len")).as(where + " len").isEqualTo((long) bytes.length);
        String cmd = (String) f.get("cmd");
        switch (cmd) {
            case "SIMPLIFY_PATH" -> {
                assertThat(p).as(where).isEqualTo(new SimplifyPath(toInt(f.get("cache_id")), (String) f.get("path"),
                        (String) f.get("md5")));
            }
            case "CONFIRM_PATH" -> {
                assertThat(f.get("format")).as(where + " format").isEqualTo("4.3");
                assertThat(f.get("valid")).isIn(0L, 1L);
                assertThat(p).as(where).isEqualTo(new ConfirmPath(f.get("valid").equals(1L),
                        new NodeRef.Cached(toInt(f.get("cache_id")))));
            }
            case "REMOTE_CALL" -> checkRpc(where, p, f);
            case "SYS" -> {
                int peer = toInt(f.get("peer"));
                switch ((String) f.get("sys")) {
                    case "ADD_PEER" -> assertThat(p).as(where).isEqualTo(new AddPeer(peer));
                    case "DEL_PEER" -> assertThat(p).as(where).isEqualTo(new DelPeer(peer));
                    case "RELAY" -> {
                        assertThat(p).as(where).isInstanceOf(Relay.class);
                        Relay relay = (Relay) p;
                        assertThat(relay.peer()).as(where + " relay peer").isEqualTo(peer);
                        byte[] inner = (byte[]) f.get("inner");
                        assertThat(hex(CODEC.encode(relay.inner()))).as(where + " relayed bytes").isEqualTo(hex(inner));
                        assertThat(relay.inner()).as(where + " relayed packet").isEqualTo(CODEC.decode(inner));
                    }
                    default -> throw new AssertionError(where + ": unexpected sys " + f.get("sys"));
                }
            }
            case "RAW" -> assertThat(p).as(where).isEqualTo(new Raw((byte[]) f.get("data")));
            default -> throw new AssertionError(where + ": unexpected cmd " + cmd);
        }
    }

    private static void checkRpc(String where, Packet p, Map<String, Object> f) {
        assertThat(p).as(where).isInstanceOf(Rpc.class);
        Rpc rpc = (Rpc) p;
        List<?> node = (List<?>) f.get("node");
        assertThat(node).as(where + " node").hasSize(2);
        switch ((String) node.get(0)) {
            case "path" -> {
                assertThat(rpc.node()).as(where + " node").isEqualTo(new NodeRef.Path((String) node.get(1)));
                assertThat(f.get("form")).isEqualTo("full_path");
            }
            case "id" -> {
                assertThat(rpc.node()).as(where + " node").isEqualTo(new NodeRef.Cached(toInt(node.get(1))));
                assertThat(f.get("form")).isEqualTo("cached");
            }
            default -> throw new AssertionError(where + ": node " + node);
        }
        // node_size is the 2-bit width code of byte 0: 0 = 1 byte, 1 = 2 bytes, 2 = 4 bytes
        assertThat(rpc.layout().nodeIdBytes()).as(where + " node id bytes").isEqualTo(1 << toInt(f.get("node_size")));
        assertThat(rpc.methodId()).as(where + " method id").isEqualTo(toInt(f.get("method_id")));
        assertThat(rpc.layout().methodIdBytes()).isEqualTo(rpc.methodId() > 0xFF ? 2 : 1);
        assertThat(rpc.layout().byteOnlyOrNoArgs()).as(where + " byte_only_or_no_args")
                .isEqualTo(Boolean.TRUE.equals(f.get("byte_only_or_no_args")));
        // Godot always picks the canonical layout
        assertThat(rpc.layout()).as(where + " layout").isEqualTo(RpcLayout.canonical(rpc.node(), rpc.methodId(), rpc.args()));
        ExpectedValues.assertVariant(where + " args", f.get("args"), rpc.args());
    }

    private static int toInt(Object v) {
        return Math.toIntExact((Long) v);
    }

    @Test
    void expectedValueMappingIsNotVacuous() {
        // A sample of the mapping, so a broken converter cannot make every comparison trivially pass.
        Object py = ExpectedValues.fromPython(PyLiteral.parse(
                "['again \\u2713', PackedInt32Array([3, 17, 999]), {'a': 1.5, 'b': b'\\x03\\xde'}, None, True]"));
        assertThat(py).isInstanceOf(List.class);
        List<?> l = (List<?>) py;
        assertThat(l.get(0)).isEqualTo("again \u2713");
        assertThat(l.get(1)).isEqualTo(PackedInt32Array.of(3, 17, 999));
        assertThat(((Map<?, ?>) l.get(2)).get("a")).isEqualTo(1.5);
        assertThat((byte[]) ((Map<?, ?>) l.get(2)).get("b")).containsExactly(3, 0xDE);
        assertThat(l.get(3)).isNull();
        assertThat(l.get(4)).isEqualTo(true);
        assertThatThrownBy(
                () -> ExpectedValues.assertVariant("x", List.of(1L), List.of(1.0)))
                .isInstanceOf(AssertionError.class);
        assertThatThrownBy(
                () -> ExpectedValues.assertVariant("x", new LinkedHashMap<>(Map.of("a", 1L)), Map.of("a", 2L)))
                .isInstanceOf(AssertionError.class);
    }
}
