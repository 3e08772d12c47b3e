package dev.godotload.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptCheckTest {
    @TempDir
    Path dir;

    private static EngineLine out(String t) {
        return new EngineLine(EngineLine.Stream.OUT, t, Duration.ZERO);
    }

    private static EngineLine err(String t) {
        return new EngineLine(EngineLine.Stream.ERR, t, Duration.ZERO);
    }

    private static RunResult run(Outcome o, EngineLine... lines) {
        return new RunResult(o, List.of(lines), Duration.ofSeconds(1));
    }

    @Test
    void thePackHasTheCheckerAsMainSceneAndListsEveryScript() throws Exception {
        Files.writeString(dir.resolve("project.godot"), "config_version=5\n[application]\nrun/main_scene=\"res://main.tscn\"\n");
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/one.gd"), "extends Node\n");
        Files.writeString(dir.resolve("two.gd"), "extends Node\n");
        List<String> scripts = new ArrayList<>();
        PckReader r = PckReader.read(ScriptCheck.pack(GodotProject.open(dir), scripts).build());
        assertThat(scripts).containsExactly("res://a/one.gd", "res://two.gd");
        assertThat(r.paths()).contains("__godot_load_check__/check.gd", "__godot_load_check__/check.tscn",
                "__godot_load_check__/scripts.txt");
        assertThat(new String(r.entry("project.godot").content(), StandardCharsets.UTF_8))
                .contains("run/main_scene=\"res://__godot_load_check__/check.tscn\"");
        assertThat(new String(r.entry("__godot_load_check__/scripts.txt").content(), StandardCharsets.UTF_8))
                .isEqualTo("res://a/one.gd\nres://two.gd\n");
    }

    @Test
    void aCleanRunPasses() {
        ScriptCheck.Verdict v = ScriptCheck.judge(2, run(Outcome.exited(0), out("Godot Engine v4.6"),
                out("godot-load check: ok res://a.gd"), out("godot-load check: ok res://b.gd"), out("godot-load check: 2 scripts, 0 failed"),
                err("WARNING: only a warning")));
        assertThat(v.passed()).isTrue();
        assertThat(v.problems()).isEmpty();
    }

    @Test
    void everyErrorLineAndFailureIsAProblem() {
        ScriptCheck.Verdict v = ScriptCheck.judge(1, run(Outcome.exited(1),
                err("SCRIPT ERROR: Parse Error: Expected closing \")\" after call arguments."),
                err("   at: GDScript::reload (res://main.gd:4)"),
                err("ERROR: Failed to load script \"res://main.gd\" with error \"Parse error\"."),
                out("godot-load check: FAIL res://main.gd: cannot be instantiated"),
                out("godot-load check: 1 scripts, 1 failed")));
        assertThat(v.passed()).isFalse();
        assertThat(v.problems()).containsExactly(
                "SCRIPT ERROR: Parse Error: Expected closing \")\" after call arguments. (at: GDScript::reload (res://main.gd:4))",
                "ERROR: Failed to load script \"res://main.gd\" with error \"Parse error\".",
                "FAIL res://main.gd: cannot be instantiated");
    }

    @Test
    void anErrorLineFailsEvenWhenTheCheckerPassed() {
        ScriptCheck.Verdict v = ScriptCheck.judge(1, run(Outcome.exited(0), err("ERROR: something in an autoload"),
                out("godot-load check: 1 scripts, 0 failed")));
        assertThat(v.problems()).containsExactly("ERROR: something in an autoload");
    }

    @Test
    void aRunThatNeverSummarizedFails() {
        ScriptCheck.Verdict v = ScriptCheck.judge(3, run(new Outcome(Outcome.Kind.TIMED_OUT, -1,
                "the engine did not exit within 5 s; stopped it")));
        assertThat(v.problems()).containsExactly("the engine did not exit within 5 s; stopped it",
                "the checker printed no summary (did its scene run?)");
        assertThat(ScriptCheck.judge(3, run(Outcome.exited(0), out("godot-load check: 2 scripts, 0 failed"))).problems())
                .containsExactly("the checker saw 2 scripts, the pack has 3");
        assertThat(ScriptCheck.judge(0, run(Outcome.exited(3), out("godot-load check: 0 scripts, 0 failed"))).problems())
                .containsExactly("the checker exited with code 3");
    }
}
