package dev.godotload.bench.baseline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling our capacity benchmark compares against: the chat stress pattern through a bare
 * Netty WebSocket broadcast server ({@link BroadcastServer}) and bare Netty clients
 * ({@link BroadcastClients}), no Godot codec and no Gatling, each in its own JVM. What counts is
 * the CPU both spend per delivered copy.
 */
public final class Baseline {
    private static final Duration PORT_WAIT = Duration.ofSeconds(30);
    /** What the client JVM may take beyond its max wait: its start-up, closing, and shutting down. */
    private static final Duration CLIENT_GRACE = Duration.ofSeconds(30);
    private static final String RESULT_PREFIX = "baseline-clients ";

    private Baseline() {
    }

    /**
     * One baseline run's figures. CPU seconds are each JVM's whole life up to the end of the run,
     * start-up included; the latencies are of every copy, its sender's own included.
     */
    public record Result(int users, long messages, long copies, long expected, double p50Ms, double p99Ms,
                         double maxMs, double serverCpuSeconds, double clientCpuSeconds, double elapsedSeconds) {

        /** Server plus client CPU microseconds per delivered copy; infinite when none was delivered. */
        public double cpuMicrosPerCopy() {
            return (serverCpuSeconds + clientCpuSeconds) * 1e6 / copies;
        }

        /** Every copy arrived, and no more. */
        public boolean complete() {
            return copies == expected;
        }
    }

    /**
     * Runs {@code users} users that each send {@code messages} messages about every {@code interval}
     * after all have connected over {@code ramp}; the logs of both JVMs go to {@code logDir}. An
     * incomplete run (copies short of expected) is a result, not an exception.
     *
     * @throws IllegalStateException with a one-line message when a JVM fails: the server prints no
     *                               port within 30 s or dies, the clients outlive their max wait by
     *                               30 s or print no result; both JVMs are stopped in any case
     */
    public static Result run(int users, int messages, Duration interval, Duration ramp, Duration maxWait, Path logDir)
            throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        Path clientLog = logDir.resolve("baseline-clients.log");
        try (ServerProcess server = ServerProcess.start(logDir.resolve("baseline-server.log"), PORT_WAIT)) {
            Process clients = ChildJvm.of(BroadcastClients.class, List.of(
                            "--url", "ws://127.0.0.1:" + server.port() + "/",
                            "--users", Integer.toString(users),
                            "--ramp-ms", Long.toString(ramp.toMillis()),
                            "--messages", Integer.toString(messages),
                            "--interval-ms", Long.toString(interval.toMillis()),
                            "--max-wait-ms", Long.toString(maxWait.toMillis())))
                    .redirectErrorStream(true)
                    .redirectOutput(clientLog.toFile())
                    .start();
            try {
                clients.getOutputStream().close();
                Duration limit = maxWait.plus(CLIENT_GRACE);
                if (!clients.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("baseline clients did not finish within " + limit.toSeconds()
                            + " s (see " + clientLog + ")");
                }
                double serverCpu = server.cpuSeconds();
                return parse(resultLine(clientLog, clients.exitValue()), serverCpu);
            } finally {
                if (clients.isAlive()) {
                    clients.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static String resultLine(Path clientLog, int exitCode) throws IOException {
        try (var lines = Files.lines(clientLog, StandardCharsets.UTF_8)) {
            return lines.filter(l -> l.startsWith(RESULT_PREFIX)).reduce((first, last) -> last)
                    .orElseThrow(() -> new IllegalStateException("baseline clients exited with " + exitCode
                            + " and no result line (see " + clientLog + ")"));
        }
    }

    static Result parse(String line, double serverCpuSeconds) {
        Map<String, String> f = new HashMap<>();
        for (String field : line.substring(RESULT_PREFIX.length()).trim().split(" +")) {
            int eq = field.indexOf('=');
            f.put(field.substring(0, eq), field.substring(eq + 1));
        }
        try {
            return new Result(Integer.parseInt(f.get("users")), Long.parseLong(f.get("messages")),
                    Long.parseLong(f.get("copies")), Long.parseLong(f.get("expected")),
                    Double.parseDouble(f.get("p50_ms")), Double.parseDouble(f.get("p99_ms")),
                    Double.parseDouble(f.get("max_ms")), serverCpuSeconds, Double.parseDouble(f.get("cpu_s")),
                    Double.parseDouble(f.get("elapsed_s")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("unreadable baseline clients line: " + line, e);
        }
    }
}
