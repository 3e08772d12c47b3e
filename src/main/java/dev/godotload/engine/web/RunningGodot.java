package dev.godotload.engine.web;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The engine running in a browser: its lines as they arrive ({@link #lines()}, {@link #waitFor}), how it
 * ended ({@link #awaitOutcome}), and {@link #close()}, which stops the browser by its PID and the page
 * server. Keeps the last {@value #MAX_LINES} lines; a long-running engine (a server for the length of a
 * load test) may print more.
 */
public final class RunningGodot implements AutoCloseable {
    public static final int MAX_LINES = 200_000;

    private final long startNanos = System.nanoTime();
    private final Object lock = new Object();
    private final Deque<EngineLine> lines = new ArrayDeque<>();
    private final Consumer<EngineLine> listener;
    private long dropped;
    private Outcome outcome;
    private long endNanos;
    private PageServer server;
    private Chromium browser;

    /** After the first error line, how long to wait for the lines that explain it ({@code at: …}) before stopping. */
    static final Duration ERROR_GRACE = Duration.ofMillis(300);
    private final boolean stopOnError;
    private boolean errorSeen;

    RunningGodot(Consumer<EngineLine> listener, boolean stopOnError) {
        this.listener = listener;
        this.stopOnError = stopOnError;
    }

    void attach(PageServer server, Chromium browser) {
        synchronized (lock) {
            this.server = server;
            this.browser = browser;
        }
        browser.onExit().thenAccept(p -> finish(new Outcome(Outcome.Kind.BROWSER_EXITED, -1,
                "Chromium exited with status " + p.exitValue() + " before the engine did: " + browser.lastWords())));
    }

    /** A report from the page (on the page server's one thread, in the page's order). */
    void event(PageServer.PageEvent e) {
        switch (e.kind()) {
            case "out" -> lines(EngineLine.Stream.OUT, e.text());
            case "err" -> lines(EngineLine.Stream.ERR, e.text());
            case "exit" -> finish(Outcome.exited(e.code()));
            case "fail" -> finish(new Outcome(Outcome.Kind.CRASHED, -1, "the engine crashed: " + e.text()));
            default -> { } // loading, started: progress only
        }
    }

    private void lines(EngineLine.Stream stream, String text) {
        Duration at = Duration.ofNanos(System.nanoTime() - startNanos);
        for (String t : text.split("\n", -1)) {
            EngineLine line = new EngineLine(stream, t.endsWith("\r") ? t.substring(0, t.length() - 1) : t, at);
            synchronized (lock) {
                if (lines.size() == MAX_LINES) {
                    lines.removeFirst();
                    dropped++;
                }
                lines.addLast(line);
                lock.notifyAll();
                if (stopOnError && !errorSeen && line.isEngineError()) {
                    errorSeen = true;
                    String first = line.text();
                    CompletableFuture.delayedExecutor(ERROR_GRACE.toMillis(), TimeUnit.MILLISECONDS)
                            .execute(() -> finish(new Outcome(Outcome.Kind.ERROR_LINE, -1, "stopped at the engine's first error: " + first)));
                }
            }
            listener.accept(line);
        }
    }

    /** Records how the run ended; the first report wins. */
    void finish(Outcome o) {
        synchronized (lock) {
            if (outcome == null) {
                outcome = o;
                endNanos = System.nanoTime();
                lock.notifyAll();
            }
        }
    }

    /** The lines so far (the last {@value #MAX_LINES}), in order. */
    public List<EngineLine> lines() {
        synchronized (lock) {
            return new ArrayList<>(lines);
        }
    }

    /** How many early lines were let go to keep the last {@value #MAX_LINES}. */
    public long droppedLines() {
        synchronized (lock) {
            return dropped;
        }
    }

    /**
     * The first kept line that matches, waiting up to {@code timeout} for it. Empty when the time ran
     * out or the engine ended without printing one.
     */
    public Optional<EngineLine> waitFor(Predicate<EngineLine> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long seen = 0; // absolute index of the next line to test
        synchronized (lock) {
            while (true) {
                long first = dropped;
                int i = 0;
                for (EngineLine l : lines) {
                    if (first + i >= seen) {
                        if (match.test(l)) {
                            return Optional.of(l);
                        }
                    }
                    i++;
                }
                seen = first + lines.size();
                long left = deadline - System.nanoTime();
                if (outcome != null || left <= 0) {
                    return Optional.empty();
                }
                waitOn(left);
            }
        }
    }

    /** How the run ended, waiting up to {@code timeout}; empty while it still runs. */
    public Optional<Outcome> awaitOutcome(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (outcome == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                waitOn(left);
            }
            return Optional.of(outcome);
        }
    }

    private void waitOn(long nanos) {
        try {
            lock.wait(Math.max(1, nanos / 1_000_000), 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(new Outcome(Outcome.Kind.STOPPED, -1, "interrupted"));
        }
    }

    public boolean isRunning() {
        synchronized (lock) {
            return outcome == null;
        }
    }

    /** The page the browser shows (a loopback URL with a random path). */
    public URI page() {
        synchronized (lock) {
            return server.page();
        }
    }

    /** Chromium's PID. */
    public long browserPid() {
        synchronized (lock) {
            return browser.pid();
        }
    }

    /** Everything so far as a result; the outcome is {@link Outcome.Kind#STOPPED} while it still runs. */
    public RunResult result() {
        synchronized (lock) {
            Outcome o = outcome != null ? outcome : new Outcome(Outcome.Kind.STOPPED, -1, "still running");
            long end = outcome != null ? endNanos : System.nanoTime();
            return new RunResult(o, new ArrayList<>(lines), Duration.ofNanos(end - startNanos));
        }
    }

    /** Stops the browser (by its PID, children included) and the page server; deletes the profile. Idempotent. */
    @Override
    public void close() {
        finish(new Outcome(Outcome.Kind.STOPPED, -1, "stopped while it ran"));
        Chromium b;
        PageServer s;
        synchronized (lock) {
            b = browser;
            s = server;
        }
        if (b != null) {
            b.close();
        }
        if (s != null) {
            s.close();
        }
    }
}
