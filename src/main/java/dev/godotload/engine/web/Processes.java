package dev.godotload.engine.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Stops a process and everything it started, each by its own PID: SIGTERM, a short grace, SIGKILL. */
public final class Processes {
    private static final long POLL_MS = 20;

    private Processes() {
    }

    /**
     * Returns once the process and the descendants it had when called are gone (our own child also
     * reaped), or after about three times {@code grace}. Chromium's own children (zygotes, renderer, GPU process) outlive a SIGTERM of the
     * browser for seconds, so the ones still there after it exits get SIGKILL by their PIDs.
     */
    public static void kill(ProcessHandle root, Duration grace) {
        boolean ourChild = root.parent().map(ProcessHandle.current()::equals).orElse(false);
        List<ProcessHandle> family = new ArrayList<>(root.descendants().toList());
        root.destroy();
        if (!awaitGone(List.of(root), grace)) {
            root.destroyForcibly();
        }
        family.add(root);
        for (ProcessHandle h : family) {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        }
        awaitGone(family, grace);
        if (ourChild) {
            // A zombie counts as gone above, but our own child stays isAlive() until the JDK reaps it:
            // wait for that, so callers (and Process.isAlive) agree that it has gone.
            try {
                root.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // still reaping; the caller sees it alive and may try again
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Polls (ProcessHandle.onExit polls too, slowly, for processes that are not our children). */
    private static boolean awaitGone(List<ProcessHandle> handles, Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        while (true) {
            boolean alive = false;
            for (ProcessHandle h : handles) {
                alive |= h.isAlive() && !zombie(h.pid());
            }
            if (!alive) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * A killed process whose parent died is a zombie until PID 1 reaps it, which some container inits
     * do only every second or two; {@link ProcessHandle#isAlive()} counts it as alive. Linux only.
     */
    public static boolean zombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'Z';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
