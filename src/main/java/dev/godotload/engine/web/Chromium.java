package dev.godotload.engine.web;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;


/**
 * Headless Chromium with software WebGL (SwiftShader through ANGLE) and a fresh profile folder,
 * showing one page. {@link #close()} stops it and every process it started by their PIDs, then
 * deletes the profile.
 */
final class Chromium implements AutoCloseable {
    static final String BINARY_ENV = "CHROMIUM_BIN";
    static final List<String> NAMES = List.of("chromium", "chromium-browser");
    static final Duration STOP_GRACE = Duration.ofSeconds(3);
    private static final int LOG_LINES = 40;

    private final Process process;
    private final Path profile;
    private final Deque<String> log = new ArrayDeque<>();

    private Chromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /**
     * The browser binary: {@code $CHROMIUM_BIN}, else {@code chromium} or {@code chromium-browser} on the PATH.
     *
     * @throws EngineSetupException one line saying how to install it
     */
    static Path binary(Map<String, String> env) {
        String configured = env.get(BINARY_ENV);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
            throw new EngineSetupException(BINARY_ENV + "=" + configured + " is not an executable file");
        }
        for (String name : NAMES) {
            for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name)) && Files.isRegularFile(Path.of(dir, name))) {
                    return Path.of(dir, name);
                }
            }
        }
        throw new EngineSetupException("Chromium is not installed (neither chromium nor chromium-browser is on the PATH); "
                + "it runs the Godot 4.6 web engine: `apt-get install -y chromium` (Debian/Ubuntu), or set "
                + BINARY_ENV + " to a Chromium or Chrome binary");
    }

    /** The command line: headless, software WebGL, nothing phoning home, no throttling of a page that keeps running. */
    static List<String> command(Path binary, Path profile, URI page) {
        return List.of(binary.toString(),
                "--headless=new",
                "--use-angle=swiftshader",
                "--enable-unsafe-swiftshader",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--disable-default-apps",
                "--disable-dev-shm-usage",
                "--disable-background-timer-throttling",
                "--disable-renderer-backgrounding",
                "--disable-backgrounding-occluded-windows",
                "--password-store=basic",
                "--mute-audio",
                "--window-size=640,480",
                "--user-data-dir=" + profile,
                page.toString());
    }

    /** Starts the browser on {@code page} with a fresh temporary profile. */
    static Chromium launch(Path binary, URI page) {
        Path profile;
        try {
            profile = Files.createTempDirectory("godot-load-chromium-");
        } catch (IOException e) {
            throw new EngineSetupException("cannot create a temporary Chromium profile: " + e.getMessage(), e);
        }
        Process p;
        try {
            p = new ProcessBuilder(command(binary, profile, page)).redirectErrorStream(true).start();
        } catch (IOException e) {
            deleteTree(profile);
            throw new EngineSetupException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        Chromium c = new Chromium(p, profile);
        Thread drain = new Thread(c::drain, "chromium-" + p.pid() + "-output");
        drain.setDaemon(true);
        drain.start();
        return c;
    }

    private void drain() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                synchronized (log) {
                    if (log.size() == LOG_LINES) {
                        log.removeFirst();
                    }
                    log.addLast(line);
                }
            }
        } catch (IOException e) {
            // the browser is gone
        }
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Chromium's own last output lines (most of it is noise about D-Bus and the GPU). */
    List<String> lastLog() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    /** The last line of Chromium's output that looks like a reason, for a one-line message. */
    String lastWords() {
        List<String> lines = lastLog();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i).strip();
            if (!l.isEmpty() && !l.contains("dbus") && !l.contains("unexpected operator") && !l.contains("GL Driver Message")) {
                return l;
            }
        }
        return "no output";
    }

    /** Stops the browser and its children by their PIDs, then deletes the profile. Idempotent. */
    @Override
    public void close() {
        Processes.kill(process.toHandle(), STOP_GRACE);
        deleteTree(profile);
    }

    Path profile() {
        return profile;
    }

    static void deleteTree(Path root) {
        for (int attempt = 0; attempt < 3 && Files.exists(root); attempt++) {
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.deleteIfExists(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                        Files.deleteIfExists(dir);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                sleep(100); // a child that was still writing; try again
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
