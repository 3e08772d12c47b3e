package dev.godotload.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

/** The project's shared reference material ({@code ../shared}) and small helpers for golden tests. */
public final class Shared {
    private static final HexFormat HEX = HexFormat.of();

    private Shared() {
    }

    /** {@code ../shared}, from the {@code godotload.shared.dir} property Surefire sets, else found upwards. */
    public static Path dir() {
        String configured = System.getProperty("godotload.shared.dir");
        if (configured != null && Files.isDirectory(Path.of(configured))) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("protocol"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("../shared not found (set -Dgodotload.shared.dir)");
    }

    public static Path protocol(String relative) {
        return dir().resolve("protocol").resolve(relative);
    }

    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] hex(String hex) {
        return HEX.parseHex(hex.replaceAll("\\s+", "").toLowerCase());
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
