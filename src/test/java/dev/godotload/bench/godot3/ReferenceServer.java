package dev.godotload.bench.godot3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java reference server speaking Godot 3, in its own process as QA runs it:
 * {@code java -jar target/godot-load.jar serve --port 0 --godot 3 --db :memory:}. Its output goes to
 * a log file, from which the port it picked is read. Stopped by its PID.
 */
final class ReferenceServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)");
    private static final long START_TIMEOUT_MS = 30_000;

    private final Process process;
    private final int port;

    private ReferenceServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The jar Maven's failsafe names in {@code godotload.jar}, else target/godot-load.jar. */
    static Path jar() {
        return Path.of(System.getProperty("godotload.jar", "target/godot-load.jar"));
    }

    static ReferenceServer start(Path jar, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no " + jar + "; build it with ./mvnw -o -q package -DskipTests");
        }
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "serve", "--port", "0", "--godot", "3", "--db", ":memory:");
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                return new ReferenceServer(p, awaitPort(p, log));
            } catch (RuntimeException | InterruptedException e) {
                p.destroyForcibly();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while serve started", e);
        }
    }

    private static int awaitPort(Process p, Path log) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(log, StandardCharsets.UTF_8));
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("serve exited with status " + p.exitValue() + " before listening (log: " + log + ")");
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("serve did not listen within " + START_TIMEOUT_MS / 1000 + " s (log: " + log + ")");
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
