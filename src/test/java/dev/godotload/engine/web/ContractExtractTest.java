package dev.godotload.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.contract.RpcMode;
import dev.godotload.contract.RpcSpec;
import dev.godotload.wire.variant.VariantType;

/** The extractor's pack and how its lines are judged, without the engine (which runs in ContractExtractIT). */
class ContractExtractTest {
    private static final String PROJECT_GODOT = "config_version=5\n[application]\nconfig/name=\"x\"\nrun/main_scene=\"res://game.tscn\"\n";
    private static final String LINE = "godot-load contract: {\"project\":\"Arena\",\"scene\":\"res://main.tscn\","
            + "\"engine\":\"4.6-stable (official)\",\"nodes\":[{\"path\":\"Main/Chat\",\"rpcs\":[{\"name\":\"say\","
            + "\"mode\":\"any_peer\",\"args\":[\"String\"],\"transfer_mode\":\"reliable\",\"channel\":0,\"call_local\":false}]}],"
            + "\"spawners\":[],\"synchronizers\":[]}";

    @TempDir
    Path dir;

    private GodotProject project() throws Exception {
        Files.writeString(dir.resolve("project.godot"), PROJECT_GODOT);
        Files.writeString(dir.resolve("game.tscn"), "[gd_scene format=3]\n");
        return GodotProject.open(dir);
    }

    private static RunResult exited(int code, EngineLine... lines) {
        return new RunResult(Outcome.exited(code), List.of(lines), Duration.ofSeconds(2));
    }

    private static EngineLine out(String t) {
        return new EngineLine(EngineLine.Stream.OUT, t, Duration.ZERO);
    }

    private static EngineLine err(String t) {
        return new EngineLine(EngineLine.Stream.ERR, t, Duration.ZERO);
    }

    @Test
    void thePackRunsTheExtractorOnTheSceneAskedFor() throws Exception {
        GodotProject p = project();
        PckReader r = PckReader.read(ContractExtract.pack(p, Optional.of("res://levels/arena.tscn")).build());
        assertThat(r.paths()).contains("game.tscn", "__godot_load_contract__/contract.gd", "__godot_load_contract__/contract.tscn");
        assertThat(text(r, "project.godot")).contains("run/main_scene=\"res://__godot_load_contract__/contract.tscn\"")
                .doesNotContain("res://game.tscn");
        assertThat(text(r, "__godot_load_contract__/project.godot")).as("the project's own, for its main scene")
                .isEqualTo(PROJECT_GODOT);
        assertThat(text(r, "__godot_load_contract__/scene.txt")).isEqualTo("res://levels/arena.tscn\n");
        assertThat(text(r, "__godot_load_contract__/contract.gd")).contains("get_rpc_config()", "replication_config");
        assertThat(text(PckReader.read(ContractExtract.pack(p, Optional.empty()).build()), "__godot_load_contract__/scene.txt"))
                .as("empty: the project's main scene").isEqualTo("\n");
    }

    private static String text(PckReader r, String path) {
        return new String(r.entry(path).content(), StandardCharsets.UTF_8);
    }

    @Test
    void theLineBecomesTheContractWithWhereItCameFrom() throws Exception {
        GodotProject p = project();
        ContractExtract.Result r = ContractExtract.judge(exited(0, out("Godot Engine v4.6.stable.official"),
                out("a line the game printed in _init"), out(LINE)), p);
        assertThat(r).isInstanceOf(ContractExtract.Extracted.class);
        ContractExtract.Extracted e = (ContractExtract.Extracted) r;
        assertThat(e.scene()).isEqualTo("res://main.tscn");
        assertThat(e.contract().withDescription("")).isEqualTo(new Contract(List.of(new NodeSpec("Main/Chat",
                List.of(new RpcSpec("say", RpcMode.ANY_PEER, List.of(VariantType.STRING)))))));
        assertThat(e.contract().description()).isEqualTo("Extracted by godot-load contract from the Godot 4 project \"Arena\" ("
                + dir + "), scene res://main.tscn, in Godot 4.6-stable (official).");
        assertThat(ContractExtract.description(p, "", "res://a.tscn", "4.6-stable (official)"))
                .isEqualTo("Extracted by godot-load contract from the Godot 4 project in " + dir
                        + ", scene res://a.tscn, in Godot 4.6-stable (official).");
    }

    @Test
    void aMissingSceneIsNoSuchSceneAndOtherFailuresAreFailed() throws Exception {
        GodotProject p = project();
        assertThat(ContractExtract.judge(exited(2, out("godot-load contract: error: the scene res://nope.tscn does not exist")), p))
                .isEqualTo(new ContractExtract.NoSuchScene("the scene res://nope.tscn does not exist"));
        assertThat(ContractExtract.judge(exited(1, out("godot-load contract: error: res://x.tscn is not a scene")), p))
                .isEqualTo(new ContractExtract.Failed("res://x.tscn is not a scene"));
        assertThat(ContractExtract.judge(new RunResult(new Outcome(Outcome.Kind.ERROR_LINE, -1, "stopped at the engine's first error"),
                List.of(out(LINE), err("SCRIPT ERROR: Parse Error: Unexpected \"Indent\" in class body."),
                        err("   at: GDScript::reload (res://player.gd:7)")), Duration.ofSeconds(1)), p))
                .as("an engine error fails it, even after the line: a script that did not load has no RPCs")
                .isEqualTo(new ContractExtract.Failed("the engine reported an error while reading the project: SCRIPT ERROR:"
                        + " Parse Error: Unexpected \"Indent\" in class body. (at: GDScript::reload (res://player.gd:7))"));
        assertThat(ContractExtract.judge(new RunResult(new Outcome(Outcome.Kind.TIMED_OUT, -1,
                "the engine did not exit within 5 s; stopped it"), List.of(), Duration.ofSeconds(5)), p))
                .isEqualTo(new ContractExtract.Failed("the engine did not exit within 5 s; stopped it"));
        assertThat(ContractExtract.judge(exited(0, out("Godot Engine v4.6.stable.official")), p))
                .isEqualTo(new ContractExtract.Failed("the extractor printed no contract (did its scene run?)"));
        assertThat(ContractExtract.judge(exited(3), p)).isEqualTo(new ContractExtract.Failed("the extractor exited with code 3"));
        assertThat(ContractExtract.judge(exited(0, out("godot-load contract: {\"scene\":\"res://m.tscn\",\"nodes\":"
                + "[{\"path\":\"/root/Main\",\"rpcs\":[]}]}")), p))
                .isEqualTo(new ContractExtract.Failed("the extractor's line is not a contract: contract res://m.tscn: node path"
                        + " '/root/Main' must be relative to the multiplayer root, e.g. Main/Chat"));
        assertThat(ContractExtract.judge(exited(0, err(LINE)), p)).as("the line counts on standard output only")
                .isInstanceOf(ContractExtract.Failed.class);
    }
}
