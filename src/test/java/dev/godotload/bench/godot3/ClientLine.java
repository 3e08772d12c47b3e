package dev.godotload.bench.godot3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The line a {@code bench/godot3-chat-client} prints when it is done:
 * {@code godot3-client peer=ID sent=S received=R}.
 */
public record ClientLine(long peer, long sent, long received) {
    private static final Pattern LINE = Pattern.compile(
            "^godot3-client peer=(\\d+) sent=(\\d+) received=(\\d+)\\s*$", Pattern.MULTILINE);

    /** The result line in a client's output, if it printed one. */
    public static Optional<ClientLine> find(String output) {
        Matcher m = LINE.matcher(output);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new ClientLine(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Long.parseLong(m.group(3))));
    }

    /** Every client's result line in the logs {@link Godot3Clients#run} left in {@code logDir}, in client order. */
    public static List<ClientLine> readAll(Path logDir) {
        List<ClientLine> lines = new ArrayList<>();
        try (Stream<Path> logs = Files.list(logDir)) {
            for (Path log : logs.filter(ClientProcess::isClientLog).sorted().toList()) {
                find(Files.readString(log, StandardCharsets.UTF_8)).ifPresent(lines::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }
}
