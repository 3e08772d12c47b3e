package dev.godotload.engine.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local page in headless Chromium, once: its DOM after its scripts ran, with what the page wrote
 * to the console, or a screenshot of it. The browser is found as {@link Chromium#binary} finds it,
 * runs with a fresh profile, and is stopped with its children by their PIDs if it outlives the
 * deadline.
 */
public final class HeadlessPage {
    private HeadlessPage() {
    }

    /** What Chromium printed as the page's DOM, and the page's console lines (errors included). */
    public record Rendered(String dom, List<String> console) {
    }

    /**
     * The browser, or null where none is installed (a test is then skipped).
     */
    public static Path browser() {
        try {
            return Chromium.binary(System.getenv());
        } catch (EngineSetupException e) {
            return null;
        }
    }

    /** Loads {@code page} and returns its DOM once its scripts ran, with its console lines. */
    public static Rendered render(Path page, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("godot-load-page-", ".out");
        Path err = Files.createTempFile("godot-load-page-", ".err");
        try {
            run(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", page.toUri().toString()), out, err, timeout);
            List<String> console = new ArrayList<>();
            for (String line : Files.readAllLines(err, StandardCharsets.UTF_8)) {
                if (line.contains(":CONSOLE")) {
                    console.add(line);
                }
            }
            return new Rendered(Files.readString(out, StandardCharsets.UTF_8), console);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Writes a PNG of {@code page} at {@code width} x {@code height} CSS pixels. */
    public static void screenshot(Path page, Path png, int width, int height, Duration timeout)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("godot-load-page-", ".log");
        try {
            run(List.of("--hide-scrollbars", "--window-size=" + width + "," + height,
                    "--screenshot=" + png.toAbsolutePath(), page.toUri().toString()), log, log, timeout);
        } finally {
            Files.deleteIfExists(log);
        }
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new IOException("Chromium wrote no screenshot to " + png);
        }
    }

    private static void run(List<String> args, Path out, Path err, Duration timeout) throws IOException, InterruptedException {
        Path binary = Chromium.binary(System.getenv());
        Path profile = Files.createTempDirectory("godot-load-chromium-");
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                "--password-store=basic", "--mute-audio", "--user-data-dir=" + profile));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile());
        if (out.equals(err)) {
            pb.redirectErrorStream(true);
        } else {
            pb.redirectError(err.toFile());
        }
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("Chromium did not finish with the page within " + timeout.toSeconds() + " s");
            }
        } finally {
            Processes.kill(p.toHandle(), Chromium.STOP_GRACE);
            Chromium.deleteTree(profile);
        }
    }
}
