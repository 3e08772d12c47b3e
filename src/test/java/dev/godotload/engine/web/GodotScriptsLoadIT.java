package dev.godotload.engine.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every .gd of every Godot 4 project under {@code godot/} loads without a parse error in the real
 * Godot 4.6 engine ({@link ScriptCheck}). Godot 3 projects ({@code config_version=4}, such as
 * {@code godot/server-godot3}) are skipped: this engine cannot run them, and their own real-engine
 * test is {@code Godot3ProjectIT}. Two fixtures prove that the check passes a good project and
 * catches a broken one.
 */
class GodotScriptsLoadIT {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TestFactory
    Stream<DynamicTest> everyScriptOfEveryGodot4ProjectLoads() throws IOException {
        Path root = Path.of("godot");
        List<Path> projects;
        try (Stream<Path> dirs = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            projects = dirs.filter(GodotProject::isProject).sorted().toList();
        }
        if (projects.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("no projects under godot/",
                    () -> assumeTrue(false, "there is no Godot project under godot/")));
        }
        return projects.stream().map(dir -> DynamicTest.dynamicTest(dir.toString(), () -> {
            GodotProject p = GodotProject.open(dir);
            assumeTrue(p.isGodot4(), dir + " is a Godot 3 project (config_version=" + p.configVersion()
                    + "): the Godot 4.6 engine does not run it; Godot3ProjectIT checks it in the real Godot 3 engine");
            ScriptCheck.Verdict v = ScriptCheck.check(RealEngine.runner(), p, TIMEOUT);
            assertThat(v.problems()).as("%s in Godot 4.6, engine output:%n%s", dir, String.join("\n", v.run().texts()))
                    .isEmpty();
            assertThat(v.passed()).isTrue();
        }));
    }

    @Test
    void theCheckPassesAGoodProject() {
        long t0 = System.nanoTime();
        ScriptCheck.Verdict v = ScriptCheck.check(RealEngine.runner(), RealEngine.fixture("check-good"), TIMEOUT);
        System.out.printf("godot-load: script check of check-good (%d scripts) in %d ms%n", v.scripts(),
                (System.nanoTime() - t0) / 1_000_000);
        assertThat(v.problems()).as(String.join("\n", v.run().texts())).isEmpty();
        assertThat(v.passed()).isTrue();
        assertThat(v.scripts()).isEqualTo(5);
        assertThat(v.run().texts()).contains("godot-load check: ok res://shapes/shape.gd", "godot-load check: 5 scripts, 0 failed");
    }

    @Test
    void theCheckCatchesABrokenScript() {
        ScriptCheck.Verdict v = ScriptCheck.check(RealEngine.runner(), RealEngine.fixture("check-broken"), TIMEOUT);
        assertThat(v.passed()).isFalse();
        assertThat(v.scripts()).isEqualTo(3);
        assertThat(v.problems()).contains(
                "SCRIPT ERROR: Parse Error: Expected \":\" after \"if\" condition. (at: GDScript::reload (res://broken_syntax.gd:4))",
                "SCRIPT ERROR: Parse Error: Identifier \"NoSuchClass\" not declared in the current scope."
                        + " (at: GDScript::reload (res://unknown_name.gd:4))",
                "FAIL res://broken_syntax.gd: cannot be instantiated",
                "FAIL res://unknown_name.gd: cannot be instantiated");
        assertThat(v.problems()).noneMatch(p -> p.contains("good.gd"));
        assertThat(v.run().texts()).contains("godot-load check: ok res://good.gd");
    }
}
