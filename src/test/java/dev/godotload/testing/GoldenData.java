package dev.godotload.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The golden data of the wire tests, bytes written by real Godot engines and reference vectors
 * ({@code src/test/resources/protocol}, on the test classpath as {@code protocol/}; its README
 * says where each file came from), and small hex helpers.
 */
public final class GoldenData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROOT = "protocol/";
    private static final HexFormat HEX = HexFormat.of();

    private GoldenData() {
    }

    /**
     * A file of {@code src/test/resources/protocol}, e.g. {@code godot4-real/server-session.jsonl},
     * found on the test classpath.
     *
     * @throws IllegalStateException if the test classpath has no such file
     */
    public static Path file(String relative) {
        URL url = GoldenData.class.getClassLoader().getResource(ROOT + relative);
        if (url == null) {
            throw new IllegalStateException(ROOT + relative + " is not on the test classpath (src/test/resources/"
                    + ROOT + relative + ")");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("golden data at " + url, e);
        }
    }

    /** The non-blank lines of {@code file}. */
    public static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of a JSON-lines file of {@code src/test/resources/protocol}, each read as JSON. */
    public static List<JsonNode> jsonLines(String relative) {
        List<JsonNode> out = new ArrayList<>();
        for (String line : lines(file(relative))) {
            try {
                out.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new UncheckedIOException(relative + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public static byte[] hex(String hex) {
        return HEX.parseHex(hex.replaceAll("\\s+", "").toLowerCase());
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
