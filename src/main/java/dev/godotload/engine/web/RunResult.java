package dev.godotload.engine.web;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A finished run: how it ended, every line the engine printed (in order), and how long it took from
 * the browser's launch to the end.
 */
public record RunResult(Outcome outcome, List<EngineLine> lines, Duration elapsed) {
    public RunResult {
        lines = List.copyOf(lines);
    }

    /** The shell status: the engine's exit code, 124 after a timeout, 1 for a crash. */
    public int status() {
        return outcome.status();
    }

    public List<String> texts() {
        return lines.stream().map(EngineLine::text).toList();
    }

    /** When the first line arrived (the engine's banner), from the browser's launch. */
    public Optional<Duration> firstLineAt() {
        return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(0).at());
    }
}
