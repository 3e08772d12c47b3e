package dev.godotload.bench.capacity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, read from Linux's {@code /proc} (the capacity
 * command runs on Linux only). Cheap enough to sample every second.
 */
public final class ProcessStats {
    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux this runs on. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcessStats() {
    }

    /** One reading of a process. */
    public record Sample(long pid, double cpuSeconds, long rssBytes) {
    }

    /** User plus system CPU seconds and resident set size of {@code pid}; null once the process is gone. */
    public static Sample sample(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            long rssPages = Long.parseLong(f[21]);
            return new Sample(pid, (utime + stime) / (double) TICKS_PER_SECOND, rssPages * 4096);
        } catch (NoSuchFileException gone) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** CPU seconds of {@code pid}, or {@code Double.NaN} once it is gone. */
    public static double cpuSeconds(long pid) {
        Sample s = sample(pid);
        return s == null ? Double.NaN : s.cpuSeconds();
    }
}
