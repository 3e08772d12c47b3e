package dev.godotload.bench.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One reading of the soak's heap sampler: {@code seconds} since the injector started, which JVM
 * ({@code gatling}, or {@code serve} for a separate server), and its heap after a full collection.
 * One line of {@code heap.csv}.
 */
public record HeapSample(double seconds, String jvm, double megabytes) {
    static final String CSV_HEADER = "seconds,jvm,heap_after_gc_mb";

    public HeapSample {
        if (!jvm.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a JVM's name is lower-case letters, digits and dashes: '" + jvm + "'");
        }
    }

    String csvLine() {
        return String.format(Locale.ROOT, "%.1f,%s,%.2f", seconds, jvm, megabytes);
    }

    static HeapSample parse(String line, int lineNumber) {
        String[] cells = line.split(",", -1);
        if (cells.length != 3) {
            throw new IllegalArgumentException("heap.csv line " + lineNumber + ": expected 3 cells, got '" + line + "'");
        }
        try {
            return new HeapSample(Double.parseDouble(cells[0]), cells[1], Double.parseDouble(cells[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("heap.csv line " + lineNumber + ": not a number in '" + line + "'");
        }
    }

    static void writeCsv(Path file, List<HeapSample> samples) throws IOException {
        List<String> lines = new ArrayList<>(List.of(CSV_HEADER));
        samples.forEach(s -> lines.add(s.csvLine()));
        Files.write(file, lines);
    }

    static List<HeapSample> readCsv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(CSV_HEADER)) {
            throw new IllegalArgumentException(file + " does not start with '" + CSV_HEADER + "'");
        }
        List<HeapSample> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            out.add(parse(lines.get(i), i + 1));
        }
        return out;
    }
}
