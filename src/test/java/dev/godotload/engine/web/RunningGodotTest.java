package dev.godotload.engine.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

/** The run's bookkeeping, fed page events directly (no browser). */
class RunningGodotTest {
    private static PageServer.PageEvent out(String t) {
        return new PageServer.PageEvent("out", t, -1);
    }

    private static PageServer.PageEvent err(String t) {
        return new PageServer.PageEvent("err", t, -1);
    }

    @Test
    void linesStreamInOrderAndTheExitCodeEndsTheRun() {
        List<EngineLine> heard = new CopyOnWriteArrayList<>();
        RunningGodot r = new RunningGodot(heard::add, false);
        r.event(new PageServer.PageEvent("loading", "", -1));
        r.event(out("one\ntwo\r"));
        r.event(err("ERROR: three"));
        assertThat(r.isRunning()).isTrue();
        r.event(new PageServer.PageEvent("exit", "", 7));
        r.event(new PageServer.PageEvent("fail", "later", -1));
        assertThat(r.awaitOutcome(Duration.ZERO)).hasValue(Outcome.exited(7));
        assertThat(heard).extracting(EngineLine::text).containsExactly("one", "two", "ERROR: three");
        assertThat(r.lines()).isEqualTo(heard);
        assertThat(r.lines().get(2).isErr()).isTrue();
        assertThat(r.result().status()).isEqualTo(7);
    }

    @Test
    void waitForSeesEarlierAndLaterLines() throws Exception {
        RunningGodot r = new RunningGodot(l -> { }, false);
        r.event(out("booting"));
        assertThat(r.waitFor(l -> l.text().equals("booting"), Duration.ZERO)).isPresent();
        Thread later = new Thread(() -> {
            sleep(100);
            r.event(out("listening on ws://127.0.0.1:9080"));
        });
        later.start();
        assertThat(r.waitFor(l -> l.text().startsWith("listening"), Duration.ofSeconds(5)))
                .map(EngineLine::text).hasValue("listening on ws://127.0.0.1:9080");
        later.join();
        long t0 = System.nanoTime();
        assertThat(r.waitFor(l -> l.text().equals("never"), Duration.ofMillis(200))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(150), Duration.ofSeconds(3));
        r.event(new PageServer.PageEvent("fail", "RuntimeError: unreachable", -1));
        assertThat(r.waitFor(l -> l.text().equals("never"), Duration.ofSeconds(30))).as("an ended run answers at once").isEmpty();
        assertThat(r.awaitOutcome(Duration.ZERO).orElseThrow())
                .isEqualTo(new Outcome(Outcome.Kind.CRASHED, -1, "the engine crashed: RuntimeError: unreachable"));
        assertThat(r.result().status()).isEqualTo(1);
    }

    @Test
    void stopOnErrorEndsTheRunShortlyAfterTheFirstErrorLine() {
        RunningGodot r = new RunningGodot(l -> { }, true);
        r.event(err("a printerr line is not an engine error"));
        r.event(out("ERROR: on stdout neither"));
        assertThat(r.awaitOutcome(Duration.ofMillis(500))).isEmpty();
        r.event(err("SCRIPT ERROR: Parse Error: Expected closing \")\" after call arguments."));
        r.event(err("   at: GDScript::reload (res://main.gd:4)"));
        Outcome o = r.awaitOutcome(Duration.ofSeconds(5)).orElseThrow();
        assertThat(o.kind()).isEqualTo(Outcome.Kind.ERROR_LINE);
        assertThat(o.detail()).isEqualTo("stopped at the engine's first error: SCRIPT ERROR: Parse Error: Expected closing \")\" after call arguments.");
        assertThat(o.status()).isEqualTo(1);
    }

    @Test
    void theStatusOfEachOutcome() {
        assertThat(Outcome.exited(0).status()).isZero();
        assertThat(Outcome.exited(255).status()).isEqualTo(255);
        assertThat(new Outcome(Outcome.Kind.TIMED_OUT, -1, "").status()).isEqualTo(124);
        assertThat(new Outcome(Outcome.Kind.BROWSER_EXITED, -1, "").status()).isEqualTo(1);
        assertThat(new Outcome(Outcome.Kind.STOPPED, -1, "").status()).isEqualTo(1);
    }

    @Test
    void engineErrorLines() {
        Duration t = Duration.ZERO;
        assertThat(new EngineLine(EngineLine.Stream.ERR, "ERROR: x", t).isEngineError()).isTrue();
        assertThat(new EngineLine(EngineLine.Stream.ERR, "SCRIPT ERROR: x", t).isEngineError()).isTrue();
        assertThat(new EngineLine(EngineLine.Stream.ERR, "USER ERROR: x", t).isEngineError()).isTrue();
        assertThat(new EngineLine(EngineLine.Stream.ERR, "WARNING: x", t).isEngineError()).isFalse();
        assertThat(new EngineLine(EngineLine.Stream.ERR, "   at: f (x.cpp:1)", t).isEngineError()).isFalse();
        assertThat(new EngineLine(EngineLine.Stream.OUT, "ERROR: printed", t).isEngineError()).isFalse();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
