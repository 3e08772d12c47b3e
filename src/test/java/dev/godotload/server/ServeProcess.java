package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The reference server as QA runs it, {@code java -jar target/godot-load.jar serve --port 0 ...},
 * in its own process; the port is read from the line it prints. Stopped by its PID.
 */
final class ServeProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)");

    final Process process;
    final int port;

    private ServeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@code serve --port 0 serveArgs...}; its stderr goes to {@code log}. */
    static ServeProcess start(Path log, String... serveArgs) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("godotload.jar", "target/godot-load.jar"));
        assertThat(jar).exists();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "serve", "--port", "0"));
        command.addAll(List.of(serveArgs));
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BlockingQueue<Integer> port = new ArrayBlockingQueue<>(1);
        Thread out = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    Matcher m = URL.matcher(line);
                    if (m.find()) {
                        port.offer(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException gone) {
                // the process was killed
            }
        }, "serve-stdout");
        out.setDaemon(true);
        out.start();
        Integer found = port.poll(30, TimeUnit.SECONDS);
        if (found == null) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("serve printed no URL within 30 s; its log: " + Files.readString(log));
        }
        return new ServeProcess(p, found);
    }

    /** SIGKILL: no shutdown hook, no close, no last commit. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("killed server exited").isTrue();
        assertThat(process.exitValue()).as("exit status of SIGKILL").isEqualTo(128 + 9);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
