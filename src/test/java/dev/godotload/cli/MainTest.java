package dev.godotload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Result(int status, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String line) throws IOException {
        return JSON.readTree(line);
    }

    @Test
    void decodesACachedRpcWithTaggedArguments() throws IOException {
        Result r = run("decode", "--godot", "4.3", "00010001040000000500000068656C6C6F000000");
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(json(r.out())).isEqualTo(json("""
                {"kind":"Rpc","node":{"id":1},"method_id":0,
                 "args":[{"type":"String","value":"hello"}],
                 "node_id_bytes":1,"method_id_bytes":1,"byte_only_or_no_args":false}"""));
    }

    @Test
    void nestsContainersAndNamesVariantTypes() throws IOException {
        // merge_world(1002, PackedInt32Array(1, 2), {"v": Vector2i(3, 4)}), cached node 2, method 2
        Result r = run("decode", "--godot", "4.4",
                "0002020342ea03" + "1e000000020000000100000002000000"
                        + "1b00000001000000" + "040000000100000076000000" + "060000000300000004000000");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode args = json(r.out()).get("args");
        assertThat(args.get(0)).isEqualTo(json("{\"type\":\"int\",\"value\":1002}"));
        assertThat(args.get(1)).isEqualTo(json("{\"type\":\"PackedInt32Array\",\"value\":[1,2]}"));
        assertThat(args.get(2)).isEqualTo(json(
                "{\"type\":\"Dictionary\",\"value\":[[{\"type\":\"String\",\"value\":\"v\"},"
                        + "{\"type\":\"Vector2i\",\"value\":[3,4]}]]}"));
    }

    /** Real Godot 4.6 plaza bytes (godot4-real/plaza-session.jsonl i 2, 6, 236, and a DESPAWN). */
    @Test
    void showsReplicationPacketsFieldByField() throws IOException {
        Result r = run("decode", "--godot", "4.6", "04000100000001000000000000000b0000003132313834333837363700",
                "060400010000802300000009000000e92071400000000020f7ab3f0900000000000000e65fafbe00000000426d07",
                "07036fe69f4816010000800100000000000000100000000400000007000000637572696f757300", "0502000000");
        assertThat(r.status()).as(r.err()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(json(lines[0])).isEqualTo(json("""
                {"kind":"Spawn","scene_index":0,"custom":false,"spawner_cache_id":1,"net_id":1,"name":"1218438767",
                 "sync_ids":[],"state":[]}"""));
        JsonNode sync = json(lines[1]);
        assertThat(sync.get("time").asInt()).isEqualTo(4);
        assertThat(sync.get("states").get(0).get("path_cache_id").asInt()).isEqualTo(1);
        assertThat(sync.get("states").get(0).get("values").get(2)).isEqualTo(json("{\"type\":\"int\",\"value\":1901}"));
        assertThat(json(lines[2]).get("inner")).isEqualTo(json("""
                {"kind":"Delta","states":[{"path_cache_id":1,"changed":"1",
                 "values":[{"type":"String","value":"curious"}]}]}"""));
        assertThat(json(lines[3])).isEqualTo(json("{\"kind\":\"Despawn\",\"net_id\":2}"));
    }

    @Test
    void confirmPathFollowsTheChosenVersion() throws IOException {
        assertThat(json(run("decode", "--godot", "4.3", "020101000000").out()))
                .isEqualTo(json("{\"kind\":\"ConfirmPath\",\"valid\":true,\"node\":{\"id\":1}}"));
        assertThat(json(run("decode", "--godot", "4.2", "02014D61696E2F4368617400").out()))
                .isEqualTo(json("{\"kind\":\"ConfirmPath\",\"valid\":true,\"node\":{\"path\":\"Main/Chat\"}}"));
        Result wrongVersion = run("decode", "--godot", "4.3", "02014D61696E2F4368617400");
        assertThat(wrongVersion.status()).isEqualTo(1);
        assertThat(wrongVersion.err()).contains("offset 0").contains("exactly 6 bytes").contains("--godot 4.2");
    }

    @Test
    void godot3MessagesCarryTheirPeerHeader() throws IOException {
        Result r = run("decode", "--godot", "3", "030100000000000000e0333a5d");
        assertThat(r.status()).isZero();
        assertThat(json(r.out())).isEqualTo(json(
                "{\"kind\":\"Routed\",\"from\":1,\"to\":0,\"packet\":{\"kind\":\"PeerId\",\"id\":1564095456}}"));
    }

    @Test
    void theFirstMessageIsThePeerIdOnlyWhenAsked() throws IOException {
        Result withFlag = run("decode", "--with-peer-id", "15CD5B07", "0701B168DE3A");
        assertThat(withFlag.status()).isZero();
        assertThat(withFlag.outLines()).hasSize(2);
        assertThat(json(withFlag.outLines().get(0))).isEqualTo(json("{\"kind\":\"PeerId\",\"id\":123456789}"));
        assertThat(json(withFlag.outLines().get(1))).isEqualTo(json("{\"kind\":\"AddPeer\",\"peer\":987654321}"));

        Result without = run("decode", "15CD5B07");
        assertThat(without.status()).isEqualTo(1);
        assertThat(without.err()).contains("--with-peer-id");
    }

    @Test
    void malformedPacketIsOneLineWithOffsetAndReasonAndStatus1() {
        Result r = run("decode", "0001000104000000FF00000061626364");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly("packet: offset 8: String length 255 exceeds the 4 bytes left");
    }

    @Test
    void badHexIsOneLineAndOtherPacketsStillDecode() throws IOException {
        Result r = run("decode", "03DEAD", "0xZZ", "03BEEF", "123");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.outLines()).hasSize(2);
        assertThat(json(r.outLines().get(1)).get("data").asText()).isEqualTo("beef");
        assertThat(r.errLines()).containsExactly(
                "packet 2: not hex: 'Z' at character 1 is not a hex digit",
                "packet 4: not hex: odd number of hex digits (3)");
    }

    @Test
    void fileHasOnePacketPerLineWithCommentsAndBlankLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("capture.hex");
        Files.writeString(file, """
                # server to client, Godot 4.6
                0701b168de3a

                0702 b168 de3a
                07
                """);
        Result r = run("decode", "--file", file.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.outLines()).hasSize(2);
        assertThat(json(r.outLines().get(1)).get("kind").asText()).isEqualTo("DelPeer");
        assertThat(r.errLines()).containsExactly("line 5: offset 0: SYS is at least 2 bytes, got 1");
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        Result r = run("decode", "--file", dir.resolve("nope.hex").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains("no such file");
    }

    @Test
    void badCommandLinesExitWith2AndUsage() {
        for (String[] args : List.of(
                new String[] {},
                new String[] {"frobnicate"},
                new String[] {"decode"},
                new String[] {"decode", "--godot"},
                new String[] {"decode", "--godot", "5", "00"},
                new String[] {"decode", "--bogus", "00"},
                new String[] {"decode", "--godot", "3", "--with-peer-id", "00"})) {
            Result r = run(args);
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).contains("usage: java -jar godot-load.jar");
            assertThat(r.out()).isEmpty();
        }
        assertThat(run("decode", "--godot", "5", "00").err()).contains("unknown Godot version '5'");
    }

    @Test
    void helpGoesToStandardOutput() {
        Result r = run("help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("decode");
    }

    @Test
    void everyCommandHasItsHelpOnStandardOutput() {
        for (String command : List.of("decode", "serve", "bridge", "godot4", "contract")) {
            Result r = run(command, "--help");
            assertThat(r.status()).as(command).isZero();
            assertThat(r.err()).as(command).isEmpty();
            assertThat(r.out()).as(command).startsWith("usage: java -jar godot-load.jar " + command + " ")
                    .contains("options:", "-h, --help");
        }
        assertThat(run("serve", "--help").out()).contains("--summary-every DURATION", "0 turns it off")
                .isEqualTo(run("help", "serve").out());
    }

    @Test
    void aWrongOptionIsOneLineThenTheCommandsUsage() {
        Result r = run("serve", "--port", "nope");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.errLines()).containsExactly(
                "godot-load serve: --port must be 0 to 65535 (0 picks a free port), got 'nope'",
                "usage: java -jar godot-load.jar " + ServeCommand.USAGE,
                "more: java -jar godot-load.jar serve --help");
        assertThat(run("serve", "--port=9080").errLines()).first().isEqualTo("godot-load serve: unknown option --port=9080");
        assertThat(run("serve", "--auth-token", "--port", "0").errLines()).first()
                .isEqualTo("godot-load serve: --auth-token needs a value");
        assertThat(run("frobnicate").errLines()).first().isEqualTo("godot-load: unknown command 'frobnicate'");
    }

    @Test
    void theVersionNamesTheBuildAndTheEngine() {
        for (String flag : List.of("--version", "-V")) {
            Result r = run(flag);
            assertThat(r.status()).as(flag).isZero();
            assertThat(r.outLines().get(0)).as(flag).startsWith("godot-load ");
            assertThat(r.out()).as(flag).contains(dev.godotload.engine.web.GodotWebTemplate.ENGINE_VERSION);
        }
    }
}
