package dev.godotload.engine;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.godotload.engine.web.Processes;

/**
 * The real Godot 3 engine ({@code godot3-server}, Debian's headless 3.2.3) running our GDScript
 * server project ({@code godot/server-godot3}) on a free loopback port, as a load-test target.
 * Its output goes to a log file; {@link #close()} stops it by its PID (SIGTERM, then SIGKILL).
 */
public final class Godot3Server implements AutoCloseable {
    /** The environment variable naming the engine binary; else {@value #DEFAULT_BINARY} on the PATH. */
    public static final String BINARY_ENV = "GODOT3_BIN";
    public static final String DEFAULT_BINARY = "godot3-server";
    public static final String DEFAULT_PROJECT = "godot/server-godot3";
    static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Pattern LISTENING = Pattern.compile("listening on (ws://\\S+)");

    /** What to start: the project, the world size, stress mode, the longest it may live, where to log. */
    public record Options(Path project, int props, boolean stressMode, Duration lifetime, Path logFile) {
    }

    private final Process process;
    private final String url;
    private final Path logFile;

    private Godot3Server(Process process, String url, Path logFile) {
        this.process = process;
        this.url = url;
        this.logFile = logFile;
    }

    /**
     * Starts the engine and waits (up to 20 s) until the project prints that it listens.
     *
     * @throws EngineUnavailableException one line: no binary, no project, or the engine did not come up
     */
    public static Godot3Server start(Options o, Map<String, String> environment) {
        Path binary = binary(environment);
        if (!Files.isRegularFile(o.project().resolve("project.godot"))) {
            throw new EngineUnavailableException("no Godot 3 project at " + o.project().toAbsolutePath()
                    + " (project.godot missing); -Dgodot.project names another");
        }
        int port = freeLoopbackPort();
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--path", o.project().toString(), "--",
                "--port", String.valueOf(port), "--bind", "127.0.0.1", "--props", String.valueOf(o.props()),
                "--stress-mode", o.stressMode() ? "on" : "off", "--lifetime", String.valueOf(o.lifetime().toSeconds())));
        Process p;
        try {
            Files.createDirectories(o.logFile().toAbsolutePath().getParent());
            Path home = o.logFile().toAbsolutePath().getParent().resolve("godot3-home");
            Files.createDirectories(home);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(o.logFile().toFile());
            // Godot writes user:// under HOME. It reads only the name of LANG (no locale files are
            // needed), and "C" or "C.UTF-8" make it log two locale ERROR lines at start.
            pb.environment().put("HOME", home.toString());
            pb.environment().put("LANG", "en_US.UTF-8");
            p = pb.start();
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot start " + binary + ": " + e.getMessage());
        }
        String url = awaitListening(p, o.logFile(), port);
        return new Godot3Server(p, url, o.logFile());
    }

    /**
     * The engine binary: {@code $GODOT3_BIN}, else {@code godot3-server} found on the PATH. Public for the
     * benchmark that runs Godot 3 clients with the same engine.
     *
     * @throws EngineUnavailableException one line: which binary is missing and how to install it
     */
    public static Path binary(Map<String, String> environment) {
        String configured = environment.get(BINARY_ENV);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (Files.isExecutable(p)) {
                return p;
            }
            throw new EngineUnavailableException(BINARY_ENV + "=" + configured + " is not an executable file");
        }
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, DEFAULT_BINARY);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new EngineUnavailableException("the Godot 3 engine is not installed: " + DEFAULT_BINARY
                + " is not on the PATH; install it with `apt-get install -y godot3-server` (Debian/Ubuntu) or set "
                + BINARY_ENV + " to a Godot 3.x headless binary");
    }

    private static String awaitListening(Process p, Path log, int port) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String text = Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
                Matcher m = LISTENING.matcher(text);
                if (m.find()) {
                    return m.group(1);
                }
                if (!p.isAlive()) {
                    throw new EngineUnavailableException("the Godot 3 engine exited with status " + p.exitValue()
                            + " before listening on port " + port + ": " + lastLine(text) + " (log: " + log + ")");
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            stop(p);
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(p);
            throw new EngineUnavailableException("interrupted while the Godot 3 engine started");
        }
        stop(p);
        throw new EngineUnavailableException("the Godot 3 engine did not listen on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s (log: " + log + ")");
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        return lines.length == 0 || lines[lines.length - 1].isBlank() ? "no output" : lines[lines.length - 1].strip();
    }

    /** A port nothing listens on now; the engine binds it a moment later (Godot 3 cannot report a port 0 bind). */
    static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
        }
    }

    public String url() {
        return url;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    /** Stops the engine (SIGTERM, then SIGKILL after 5 s). Idempotent. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process p) {
        if (p.isAlive()) {
            Processes.kill(p.toHandle(), STOP_TIMEOUT);
        }
    }
}
