package dev.godotload.bench.capacity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A JVM the capacity command started: its console in a file, its CPU, its live heap. Stopped by PID. */
final class Jvm implements AutoCloseable {
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    final String name;
    final Process process;
    final Path console;
    private volatile double lastCpuSeconds;

    private Jvm(String name, Process process, Path console) {
        this.name = name;
        this.process = process;
        this.console = console;
    }

    /** {@code java jvmArgs... mainAndArgs...}, stdout and stderr to {@code console}. */
    static Jvm start(String name, List<String> jvmArgs, List<String> mainAndArgs, Path console) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(mainAndArgs);
        Files.createDirectories(console.getParent());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
        return new Jvm(name, p, console);
    }

    long pid() {
        return process.pid();
    }

    /** CPU seconds so far; the last reading once the process is gone (call it before the end to have one). */
    double cpuSeconds() {
        double now = ProcessStats.cpuSeconds(pid());
        if (!Double.isNaN(now)) {
            lastCpuSeconds = now;
        }
        return lastCpuSeconds;
    }

    long rssBytes() {
        ProcessStats.Sample s = ProcessStats.sample(pid());
        return s == null ? 0 : s.rssBytes();
    }

    /** Live heap: a full collection ({@code jcmd GC.run}), then the heap's used bytes ({@code GC.heap_info}). */
    long liveHeapBytes() throws IOException, InterruptedException {
        jcmd("GC.run");
        Matcher m = HEAP_USED.matcher(jcmd("GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("jcmd " + pid() + " GC.heap_info printed no 'total ..K, used ..K'");
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("jcmd " + pid() + " " + command + " failed: " + out.strip());
        }
        return out;
    }

    String consoleText() throws IOException {
        return Files.readString(console);
    }

    /** Waits for the process to end by itself, sampling its CPU meanwhile; false on timeout. */
    boolean awaitExit(long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            cpuSeconds();
            if (process.waitFor(250, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
