package dev.godotload.bench.godot3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.godotload.engine.EngineUnavailableException;
import dev.godotload.engine.Godot3Server;

/**
 * The alternative QA uses today, for the capacity benchmark to compare our virtual users with: N
 * headless Godot 3 engines ({@code godot3-server}), each running the chat client
 * {@code bench/godot3-chat-client}, against a server the caller started. Measures what each user
 * costs: the largest resident set of each process and the CPU time (user + system) it used.
 *
 * <p>The clients are started spread over the ramp and talk only once all of them are on the server
 * ({@code wait_peers}), so in stress mode each one receives exactly clients × sentences copies
 * when nothing is lost ({@link Result#everyCopyArrived()}), provided the linger is longer than
 * one interval (each client's first sentence comes a random part of an interval late).
 *
 * <p>CPU time includes each engine's start-up and its idle frames (a headless Godot 3 sleeps about
 * 7 ms between frames): that is what such a client costs. It is read from /proc every 250 ms while
 * the process lives, so the last quarter second of each client (in its linger, idle) is missed.
 */
public final class Godot3Clients {
    /** The client project, relative to the working directory (the repository root under Maven). */
    public static final Path PROJECT = Path.of("bench", "godot3-chat-client");
    static final Duration SAMPLE_PERIOD = Duration.ofMillis(250);
    /** Added to ramp + sentences × interval + linger to bound the whole run. */
    static final Duration SLACK = Duration.ofSeconds(60);
    /** A client gives up this much before the runner does, so the log says why it was waiting. */
    static final Duration CLIENT_MARGIN = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private static final double MB = 1024.0 * 1024.0;

    private Godot3Clients() {
    }

    /**
     * What N clients did and cost. RSS in MB of 2^20 bytes: {@code meanRssMb} is the mean of each
     * process's largest reading, {@code maxRssMb} the largest of all; {@code totalCpuSeconds} is the
     * sum over the processes; {@code elapsedSeconds} runs from the first start to the last exit.
     */
    public record Result(int clients, long sent, long received, double meanRssMb, double maxRssMb,
            double totalCpuSeconds, double elapsedSeconds) {

        /** Client CPU per chat message received (NaN when none was). */
        public double cpuMicrosPerMessage() {
            return received == 0 ? Double.NaN : totalCpuSeconds * 1e6 / received;
        }

        /** What a stress-mode server delivers when nothing is lost: every sentence to every client. */
        public long expectedReceived() {
            return clients * sent;
        }

        public boolean everyCopyArrived() {
            return received == expectedReceived();
        }
    }

    /**
     * Runs {@code clients} Godot 3 chat clients against {@code ws://127.0.0.1:port/}, each saying
     * {@code sentences} sentences {@code interval} apart and counting copies for {@code linger} after
     * its last; starts are spread evenly over {@code ramp}. Each client's output goes to
     * {@code logDir/client-NNNN.log}, replacing those of an earlier run ({@link ClientLine#readAll} reads them back). Returns when all
     * have exited; bounded by ramp + sentences × interval + linger + 60 s.
     *
     * @throws IllegalStateException one line naming the cause (no engine or project, a client that
     *         exited non-zero and what it said last, a timeout); every client started is stopped first
     */
    public static Result run(int port, int clients, int sentences, Duration interval, Duration ramp,
            Duration linger, Path logDir) {
        requireArguments(port, clients, sentences, interval, ramp, linger);
        Path binary = engine();
        Path project = project();
        Path home = logDir.resolve("godot3-home");
        try {
            Files.createDirectories(home);
            ClientProcess.deleteLogs(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("godot3 clients: cannot prepare " + logDir, e);
        }
        Duration budget = ramp.plus(interval.multipliedBy(sentences)).plus(linger).plus(SLACK);
        List<ClientProcess> started = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        long deadline = t0 + budget.toNanos();
        long end;
        try (Sampler sampler = new Sampler(started, SAMPLE_PERIOD)) {
            try {
                for (int i = 0; i < clients; i++) {
                    awaitOrFail(started, t0 + ramp.toNanos() * i / clients);
                    Duration timeout = budget.minus(CLIENT_MARGIN).minusNanos(System.nanoTime() - t0);
                    List<String> command = List.of(binary.toString(), "--path", project.toString(), "--",
                            "url=ws://127.0.0.1:" + port + "/", "sentences=" + sentences,
                            "interval_ms=" + interval.toMillis(), "linger_ms=" + linger.toMillis(),
                            "wait_peers=" + clients, "timeout_ms=" + timeout.toMillis());
                    started.add(start(i, command, logDir, home));
                }
                end = awaitAll(started, deadline, budget);
                sampler.checkHealthy();
            } finally {
                stopAll(started);
            }
        }
        return summarize(started, (end - t0) / 1e9);
    }

    private static void requireArguments(int port, int clients, int sentences, Duration interval,
            Duration ramp, Duration linger) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1 to 65535, got " + port);
        }
        if (clients < 1 || sentences < 0) {
            throw new IllegalArgumentException("need clients >= 1 and sentences >= 0, got " + clients
                    + " and " + sentences);
        }
        if (interval.toMillis() < 1 || ramp.isNegative() || linger.isNegative()) {
            throw new IllegalArgumentException("need interval >= 1 ms and ramp, linger >= 0, got "
                    + interval + ", " + ramp + ", " + linger);
        }
    }

    private static Path engine() {
        try {
            return Godot3Server.binary(System.getenv());
        } catch (EngineUnavailableException e) {
            throw new IllegalStateException("godot3 clients: " + e.getMessage(), e);
        }
    }

    private static Path project() {
        Path project = PROJECT.toAbsolutePath();
        if (!Files.isRegularFile(project.resolve("project.godot"))) {
            throw new IllegalStateException("godot3 clients: no client project at " + project
                    + " (project.godot missing; run from the repository root)");
        }
        return project;
    }

    private static ClientProcess start(int index, List<String> command, Path logDir, Path home) {
        try {
            return ClientProcess.start(index, command, logDir, home);
        } catch (IOException e) {
            throw new IllegalStateException("godot3 clients: cannot start client " + index + " ("
                    + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** Sleeps until {@code until}, failing as soon as a client started so far failed. */
    private static void awaitOrFail(List<ClientProcess> started, long until) {
        while (true) {
            failIfOneFailed(started);
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            sleep(Math.min(left, POLL.toNanos()));
        }
    }

    /** Waits until every client has exited; returns when that was seen ({@link System#nanoTime()}). */
    private static long awaitAll(List<ClientProcess> started, long deadline, Duration budget) {
        while (true) {
            failIfOneFailed(started);
            List<ClientProcess> running = started.stream().filter(ClientProcess::alive).toList();
            long now = System.nanoTime();
            if (running.isEmpty()) {
                return now;
            }
            if (now - deadline > 0) {
                ClientProcess first = running.get(0);
                throw new IllegalStateException("godot3 clients: " + running.size() + " of " + started.size()
                        + " still running after " + budget.toSeconds() + " s (ramp + sentences × interval + linger + "
                        + SLACK.toSeconds() + " s); " + first.name() + " said last: " + first.lastLine()
                        + " (log: " + first.log() + ")");
            }
            sleep(POLL.toNanos());
        }
    }

    // A failed client fails the run at once: with wait_peers the others would only wait for it.
    private static void failIfOneFailed(List<ClientProcess> started) {
        for (ClientProcess c : started) {
            if (!c.alive() && c.exitValue() != 0) {
                throw new IllegalStateException("godot3 clients: " + c.name() + " exited with status "
                        + c.exitValue() + ": " + c.lastLine() + " (log: " + c.log() + ")");
            }
        }
    }

    private static Result summarize(List<ClientProcess> clients, double elapsedSeconds) {
        long sent = 0;
        long received = 0;
        long rssSum = 0;
        long rssMax = 0;
        double cpu = 0;
        for (ClientProcess c : clients) {
            ClientLine line = ClientLine.find(c.output()).orElseThrow(() -> new IllegalStateException(
                    "godot3 clients: " + c.name() + " exited 0 without its result line; it said last: "
                            + c.lastLine() + " (log: " + c.log() + ")"));
            if (c.maxRssBytes() == 0) {
                throw new IllegalStateException("godot3 clients: " + c.name() + " was never sampled (it lived less than "
                        + SAMPLE_PERIOD.toMillis() + " ms), so its memory and CPU are unknown");
            }
            sent += line.sent();
            received += line.received();
            rssSum += c.maxRssBytes();
            rssMax = Math.max(rssMax, c.maxRssBytes());
            cpu += c.cpuSeconds();
        }
        return new Result(clients.size(), sent, received, rssSum / (double) clients.size() / MB, rssMax / MB, cpu,
                elapsedSeconds);
    }

    /** SIGTERM to every client still running, SIGKILL to those still there after a grace; each by its PID. */
    private static void stopAll(List<ClientProcess> clients) {
        List<ClientProcess> running = clients.stream().filter(ClientProcess::alive).toList();
        running.forEach(ClientProcess::terminate);
        long until = System.nanoTime() + STOP_GRACE.toNanos();
        try {
            while (running.stream().anyMatch(ClientProcess::alive) && System.nanoTime() < until) {
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // no more grace: on to SIGKILL
        }
        running.stream().filter(ClientProcess::alive).forEach(ClientProcess::kill);
    }

    private static void sleep(long nanos) {
        try {
            Thread.sleep(Duration.ofNanos(nanos).toMillis(), (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("godot3 clients: interrupted", e);
        }
    }
}
