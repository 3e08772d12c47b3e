package dev.godotload.bench.baseline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.godotload.bench.capacity.ProcessStats;

/**
 * A {@link BroadcastServer} in its own JVM: started, its port read from its first line, its CPU
 * time read from {@code /proc}, and stopped with SIGTERM. Its output goes to a log file.
 */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)/");
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * @throws IllegalStateException when the server prints no port line within {@code portWait};
     *                               the server is stopped then
     */
    static ServerProcess start(Path log, Duration portWait) throws IOException, InterruptedException {
        Process process = ChildJvm.of(BroadcastServer.class, List.of("0")).redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread copier = new Thread(() -> copyOutput(process, log, port), "baseline-server-log");
        copier.setDaemon(true);
        copier.start();
        try {
            return new ServerProcess(process, log, port.get(portWait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            stop(process);
            String why = e instanceof TimeoutException ? "printed no port line within " + portWait.toSeconds() + " s"
                    : e.getCause().getMessage();
            throw new IllegalStateException("baseline server " + why + " (see " + log + ")", e);
        } catch (InterruptedException e) {
            stop(process);
            throw e;
        }
    }

    /** Every line to the log; the first listening line also settles the port. Runs until the server's output ends. */
    private static void copyOutput(Process process, Path log, CompletableFuture<Integer> port) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Matcher m = LISTENING.matcher(line);
                if (!port.isDone() && m.matches()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
                out.write(line);
                out.write(System.lineSeparator());
                out.flush();
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("exited before it was listening"));
    }

    int port() {
        return port;
    }

    /**
     * User plus system CPU seconds so far.
     *
     * @throws IllegalStateException when the server is no longer running
     */
    double cpuSeconds() {
        ProcessStats.Sample sample = process.isAlive() ? ProcessStats.sample(process.pid()) : null;
        if (sample == null) {
            throw new IllegalStateException("baseline server exited before the clients were done (see " + log + ")");
        }
        return sample.cpuSeconds();
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
