package dev.godotload.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;


/** Tiny GDScript projects in the real Godot 4.6 engine (web template, headless Chromium). */
class WebRunnerIT {
    private static byte[] pack(String fixture) {
        long t0 = System.nanoTime();
        byte[] pack = PackBuilder.fromProject(RealEngine.fixture(fixture)).build();
        System.out.printf("godot-load: pack of %s (%d bytes) built in %d ms%n", fixture, pack.length,
                (System.nanoTime() - t0) / 1_000_000);
        return pack;
    }

    private static List<String> errorLines(RunResult r) {
        return r.lines().stream().filter(EngineLine::isEngineError).map(EngineLine::text).toList();
    }

    @Test
    void printsReadsItsUserArgsAndQuitsWith7() {
        WebRunner runner = RealEngine.runner();
        List<EngineLine> heard = new CopyOnWriteArrayList<>();
        RunResult r = runner.run(RunSpec.of(pack("hello"), List.of("a b", "--flag", "ü")).withListener(heard::add),
                Duration.ofSeconds(60));
        System.out.printf("godot-load: hello ran in %d ms, first engine line after %d ms%n", r.elapsed().toMillis(),
                r.firstLineAt().orElseThrow().toMillis());
        assertThat(r.outcome()).as(r.texts().toString()).isEqualTo(Outcome.exited(7));
        assertThat(r.status()).isEqualTo(7);
        assertThat(r.lines().get(0).text()).isEqualTo("Godot Engine v4.6.stable.official.89cea1439 - https://godotengine.org");
        assertThat(r.lines()).filteredOn(l -> !l.isErr()).extracting(EngineLine::text).contains(
                "hello from Godot 4.6-stable (official)",
                "user args: [\"a b\",\"--flag\",\"ü\"]",
                "greetings, load test");
        assertThat(r.lines()).filteredOn(EngineLine::isErr).extracting(EngineLine::text).contains("a line on stderr");
        assertThat(errorLines(r)).as("no engine errors (the global class cache is in the pack)").isEmpty();
        assertThat(heard).as("the listener heard every line, in order").isEqualTo(r.lines());
    }

    @Test
    void aParseErrorIsReportedWithTheEngineErrorLines() {
        RunResult r = RealEngine.runner().run(RunSpec.of(pack("parse-error"), List.of()), Duration.ofSeconds(6));
        // The engine goes on without the scene's script, so the run ends at its timeout...
        assertThat(r.outcome().kind()).as(r.texts().toString()).isEqualTo(Outcome.Kind.TIMED_OUT);
        assertThat(r.status()).isEqualTo(124);
        assertThat(r.texts()).contains(
                "SCRIPT ERROR: Parse Error: Expected closing \")\" after call arguments.",
                "   at: GDScript::reload (res://main.gd:4)",
                "ERROR: Failed to load script \"res://main.gd\" with error \"Parse error\".");
        assertThat(r.texts()).doesNotContain("this never runs");
    }

    @Test
    void stopOnErrorEndsAParseErrorRunAtOnceWithStatus1() {
        RunResult r = RealEngine.runner().run(RunSpec.of(pack("parse-error"), List.of()).withStopOnError(true),
                Duration.ofSeconds(60));
        assertThat(r.outcome().kind()).as(r.texts().toString()).isEqualTo(Outcome.Kind.ERROR_LINE);
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.outcome().detail()).isEqualTo(
                "stopped at the engine's first error: SCRIPT ERROR: Parse Error: Expected closing \")\" after call arguments.");
        assertThat(r.texts()).contains("   at: GDScript::reload (res://main.gd:4)");
        assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aRunThatNeverQuitsIsStoppedAtItsTimeout() {
        long t0 = System.nanoTime();
        // 15 s: long enough for Chromium and the engine to start and print even on a busy 2-core machine
        // (4 s was not: the engine had printed nothing yet when the timeout stopped it)
        RunResult r = RealEngine.runner().run(RunSpec.of(pack("forever"), List.of()), Duration.ofSeconds(15));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(r.outcome()).isEqualTo(new Outcome(Outcome.Kind.TIMED_OUT, -1, "the engine did not exit within 15 s; stopped it"));
        assertThat(r.status()).isEqualTo(124);
        assertThat(r.texts()).contains("running until stopped");
        assertThat(took).as("stopped and cleaned up soon after the timeout").isLessThan(Duration.ofSeconds(23));
    }

    @Test
    void anEngineCrashEndsTheRunWithStatus1() {
        RunResult r = RealEngine.runner().run(RunSpec.of(pack("crash"), List.of()), Duration.ofSeconds(60));
        assertThat(r.outcome().kind()).as(r.texts().toString()).isEqualTo(Outcome.Kind.CRASHED);
        assertThat(r.outcome().detail()).startsWith("the engine crashed: ");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.texts()).contains("about to crash", "ERROR: deliberate crash for the runner's test");
    }

    @Test
    void keepsRunningInTheBackgroundUntilClosed() throws Exception {
        RunningGodot g = RealEngine.runner().start(RunSpec.of(pack("forever"), List.of()));
        long pid;
        java.nio.file.Path profile;
        try {
            pid = g.browserPid();
            assertThat(g.page().getHost()).isEqualTo("127.0.0.1");
            assertThat(g.waitFor(l -> l.text().equals("30 frames"), Duration.ofSeconds(60)))
                    .as("30 frames rendered: %s", g.lines()).isPresent();
            assertThat(g.isRunning()).isTrue();
            assertThat(g.lines()).extracting(EngineLine::text).contains("running until stopped", "30 frames");
            profile = ProcessHandle.of(pid).flatMap(h -> h.info().arguments()).stream().flatMap(java.util.Arrays::stream)
                    .filter(a -> a.startsWith("--user-data-dir=")).map(a -> java.nio.file.Path.of(a.substring(16)))
                    .findFirst().orElse(null);
        } finally {
            g.close();
        }
        assertThat(g.isRunning()).isFalse();
        assertThat(g.result().outcome().kind()).isEqualTo(Outcome.Kind.STOPPED);
        assertThat(ProcessHandle.of(pid).filter(h -> h.isAlive() && !Processes.zombie(h.pid()))).as("Chromium stopped").isEmpty();
        if (profile != null) {
            assertThat(Files.exists(profile)).as("profile %s deleted", profile).isFalse();
        }
    }
}
