package dev.godotload.bench.godot3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.godotload.bench.capacity.ProcessStats;

/**
 * One running {@code godot3-server} chat client: its process, its log (stdout and stderr together),
 * and what sampling it saw: the largest resident set and the latest CPU time.
 */
final class ClientProcess {
    private static final String LOG_PREFIX = "client-";
    private static final String LOG_SUFFIX = ".log";

    private final int index;
    private final Process process;
    private final Path log;
    private long maxRssBytes;
    private double lastCpuSeconds;

    private ClientProcess(int index, Process process, Path log) {
        this.index = index;
        this.process = process;
        this.log = log;
    }

    static ClientProcess start(int index, List<String> command, Path logDir, Path home) throws IOException {
        Path log = logDir.resolve(String.format("%s%04d%s", LOG_PREFIX, index, LOG_SUFFIX));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // Godot writes user:// under HOME; it only reads LANG's name, and "C" makes it log two
        // locale ERROR lines at start (as for Godot3Server).
        pb.environment().put("HOME", home.toString());
        pb.environment().put("LANG", "en_US.UTF-8");
        return new ClientProcess(index, pb.start(), log);
    }

    /** Removes the client logs of an earlier run, so that the directory holds this run's only. */
    static void deleteLogs(Path logDir) throws IOException {
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path p : files.filter(ClientProcess::isClientLog).toList()) {
                Files.delete(p);
            }
        }
    }

    static boolean isClientLog(Path p) {
        String name = p.getFileName().toString();
        return name.startsWith(LOG_PREFIX) && name.endsWith(LOG_SUFFIX);
    }

    /**
     * Takes one reading from /proc. CPU time has to be read while the process lives (a reaped child's
     * /proc entry is gone), so the latest reading is the closest we get to its total.
     */
    void sample() {
        if (!process.isAlive()) {
            return;
        }
        ProcessStats.Sample s;
        try {
            s = ProcessStats.sample(process.pid());
        } catch (UncheckedIOException e) {
            if (process.isAlive()) {
                throw e;
            }
            return; // it exited while /proc/<pid>/stat was read (ESRCH)
        }
        if (s == null) {
            return;
        }
        synchronized (this) {
            maxRssBytes = Math.max(maxRssBytes, s.rssBytes());
            // a zombie's last reading is still its own; never let a later one go backwards
            lastCpuSeconds = Math.max(lastCpuSeconds, s.cpuSeconds());
        }
    }

    synchronized long maxRssBytes() {
        return maxRssBytes;
    }

    synchronized double cpuSeconds() {
        return lastCpuSeconds;
    }

    int index() {
        return index;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The exit status; only once {@link #alive()} is false. */
    int exitValue() {
        return process.exitValue();
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last non-blank line it printed, for failure messages. */
    String lastLine() {
        String[] lines = output().strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "(no output)" : last;
    }

    Path log() {
        return log;
    }

    /** SIGTERM; {@link #kill()} follows for one that ignores it. */
    void terminate() {
        process.destroy();
    }

    void kill() {
        process.destroyForcibly();
    }

    /** "client 3 (pid 1234)", for messages. */
    String name() {
        return "client " + index + " (pid " + process.pid() + ")";
    }
}
