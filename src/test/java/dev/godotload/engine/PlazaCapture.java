package dev.godotload.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.godotload.engine.web.EngineLine;
import dev.godotload.engine.web.GodotProject;
import dev.godotload.engine.web.PackBuilder;
import dev.godotload.engine.web.RunSpec;
import dev.godotload.engine.web.RunningGodot;
import dev.godotload.engine.web.WebRunner;

/**
 * Makes {@code src/test/resources/protocol/godot4-real/plaza-session.jsonl}, by hand (not part of
 * {@code verify}): the real Godot 4.6 plaza server ({@code godot/plaza-godot4}) in the web engine
 * with the injected bridge, and three real Godot 4.6 plaza clients, each in its own engine
 * ({@code --connect URL}): A, then B, then C, which leaves after {@value #C_LIFETIME_SECONDS} s. The
 * bridge's tap records every message between the bridge and each client until a moment after C left.
 *
 * <p>Every message is kept except the stream of SYNCs (one per frame per synchronizer and receiver):
 * of those, the first {@value #SYNCS_KEPT} of each client, direction and form are kept (direct, or
 * relay-wrapped per pair of clients). {@code i} is the message's place in the whole session, so the
 * gaps show what was left out; the counts are printed at the end.
 *
 * <pre>
 * ./mvnw -o -B -q test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/capture.classpath
 * java -cp "target/test-classes:target/classes:$(cat target/capture.classpath)" dev.godotload.engine.PlazaCapture [OUT.jsonl]
 * </pre>
 */
public final class PlazaCapture {
    static final Path PLAZA = Path.of("godot", "plaza-godot4");
    static final Path DEFAULT_OUT = Path.of("src", "test", "resources", "protocol", "godot4-real", "plaza-session.jsonl");
    static final int SYNCS_KEPT = 3;
    static final double C_LIFETIME_SECONDS = 4.5;
    static final Duration JOIN_WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Message(long nanos, int peer, String dir, byte[] bytes) {
    }

    private final List<Message> messages = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Path out = args.length > 0 ? Path.of(args[0]) : DEFAULT_OUT;
        new PlazaCapture().run(out);
    }

    private void run(Path out) throws Exception {
        Path dir = Path.of("target", "plaza-capture");
        Files.createDirectories(dir);
        WebRunner runner = WebRunner.create(System.getenv(), System.err::println);
        byte[] clientPack = PackBuilder.fromProject(GodotProject.openGodot4(PLAZA)).build();
        List<RunningGodot> clients = new ArrayList<>();
        try (Godot4WebServer server = Godot4WebServer.start(new Godot4WebServer.Options(PLAZA, 1000, true,
                dir.resolve("server.log")), System.getenv())) {
            System.out.println("server: " + server.description() + " at " + server.url());
            server.tapClients(new EngineBridge.ClientTap() {
                @Override
                public void fromClient(int peer, byte[] message) {
                    record(peer, "c2s", message);
                }

                @Override
                public void toClient(int peer, byte[] message) {
                    record(peer, "s2c", message);
                }
            });
            try {
                RunningGodot a = join(runner, clientPack, server.url(), "A", 60, clients);
                RunningGodot b = join(runner, clientPack, server.url(), "B", 60, clients);
                RunningGodot c = join(runner, clientPack, server.url(), "C", C_LIFETIME_SECONDS, clients);
                c.awaitOutcome(Duration.ofSeconds(30)).orElseThrow(() -> new IllegalStateException("C did not quit"));
                for (RunningGodot survivor : List.of(a, b)) {
                    survivor.waitFor(l -> l.text().contains("disappeared"), Duration.ofSeconds(10))
                            .orElseThrow(() -> new IllegalStateException("C's player did not disappear"));
                }
                Thread.sleep(500);
                server.tapClients(null);
            } finally {
                for (RunningGodot c : clients) {
                    c.close();
                }
            }
            for (int k = 0; k < clients.size(); k++) {
                String who = "client " + (char) ('A' + k);
                print(who, clients.get(k).lines());
                EngineErrorCounter errors = new EngineErrorCounter(false, line -> { });
                clients.get(k).lines().forEach(errors);
                errors.finish();
                System.out.println(who + " " + errors.errors().summary());
            }
            System.out.println("server engine errors: " + server.engineErrors().summary());
        }
        write(out);
    }

    private static RunningGodot join(WebRunner runner, byte[] pack, String url, String name, double lifetime,
            List<RunningGodot> clients) {
        RunningGodot g = runner.start(RunSpec.of(pack, List.of("--connect", url, "--lifetime", String.valueOf(lifetime))));
        clients.add(g);
        g.waitFor(l -> l.text().startsWith("Plaza: my player"), JOIN_WAIT)
                .orElseThrow(() -> new IllegalStateException("client " + name + " did not get its player: " + g.lines()));
        return g;
    }

    private static void print(String who, List<EngineLine> lines) {
        for (EngineLine l : lines) {
            if (l.text().startsWith("Plaza:") || l.isErr()) {
                System.out.println(who + ": " + l);
            }
        }
    }

    private synchronized void record(int peer, String dir, byte[] message) {
        messages.add(new Message(System.nanoTime(), peer, dir, message.clone()));
    }

    private synchronized void write(Path out) throws IOException {
        Map<Integer, String> names = new HashMap<>();
        Map<String, Integer> seen = new TreeMap<>();
        Map<String, Integer> kept = new TreeMap<>();
        List<String> lines = new ArrayList<>();
        long t0 = messages.isEmpty() ? 0 : messages.get(0).nanos();
        Map<Integer, Integer> firstOf = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            boolean first = firstOf.putIfAbsent(m.peer(), i) == null;
            String client = names.computeIfAbsent(m.peer(), p -> String.valueOf((char) ('A' + names.size())));
            String kind = kind(m.bytes(), first);
            // Relayed SYNCs are thinned per pair of clients, so each pair keeps its examples.
            String key = client + " " + m.dir() + " " + kind + (kind.startsWith("SYS RELAY") ? " " + relayPeer(m.bytes()) : "");
            int n = seen.merge(key, 1, Integer::sum);
            if (kind.endsWith("SYNC") && n > SYNCS_KEPT) {
                continue;
            }
            kept.merge(kind + " " + m.dir(), 1, Integer::sum);
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("i", i);
            line.put("t_ms", Math.round((m.nanos() - t0) / 100_000.0) / 10.0);
            line.put("client", client);
            line.put("dir", m.dir());
            line.put("len", m.bytes().length);
            line.put("hex", HexFormat.of().formatHex(m.bytes()));
            line.put("note", describe(m.bytes(), first));
            lines.add(json(line));
        }
        Files.writeString(out, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        System.out.println("wrote " + lines.size() + " of " + messages.size() + " messages to " + out);
        kept.forEach((k, v) -> System.out.println("  kept " + v + " " + k));
        seen.forEach((k, v) -> {
            if (k.contains("SYNC")) {
                System.out.println("  session had " + v + " " + k);
            }
        });
    }

    private static int relayPeer(byte[] m) {
        return ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).getInt(2);
    }

    /** {"i": 0, "t_ms": 1.5, …}: the layout of the other captures (Python's json.dumps). */
    private static String json(Map<String, Object> line) {
        List<String> fields = new ArrayList<>();
        try {
            for (Map.Entry<String, Object> e : line.entrySet()) {
                fields.add(JSON.writeValueAsString(e.getKey()) + ": " + JSON.writeValueAsString(e.getValue()));
            }
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        return "{" + String.join(", ", fields) + "}";
    }

    // What a message is, for the note and for thinning. A reader of the capture, not a codec: the
    // codecs are in dev.godotload.wire, and the golden tests hold them to these bytes.

    static String kind(byte[] m, boolean first) {
        if (first && m.length == 4) {
            return "PEER_ID";
        }
        return switch (m[0] & 0x07) {
            case 0 -> "RPC";
            case 1 -> "SIMPLIFY_PATH";
            case 2 -> "CONFIRM_PATH";
            case 3 -> "RAW";
            case 4 -> "SPAWN";
            case 5 -> "DESPAWN";
            case 6 -> (m[0] & 0xff) == 0x16 ? "DELTA" : "SYNC";
            default -> switch (m.length > 1 ? m[1] : -1) {
                case 0 -> "SYS AUTH";
                case 1 -> "SYS ADD_PEER";
                case 2 -> "SYS DEL_PEER";
                case 3 -> "SYS RELAY " + (m.length > 6 ? kind(Arrays.copyOfRange(m, 6, m.length), false) : "?");
                default -> "SYS ?";
            };
        };
    }

    static String describe(byte[] m, boolean first) {
        ByteBuffer in = ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN);
        String kind = kind(m, first);
        return switch (kind) {
            case "PEER_ID" -> "peer id " + in.getInt(0) + " (written by the bridge's transport)";
            case "SIMPLIFY_PATH" -> "SIMPLIFY_PATH " + cstring(m, 38) + " id " + in.getInt(34) + " md5 "
                    + new String(m, 1, 32, StandardCharsets.US_ASCII);
            case "CONFIRM_PATH" -> "CONFIRM_PATH id " + in.getInt(2) + " valid " + m[1];
            case "SPAWN" -> {
                int syncs = in.getInt(10);
                int nameAt = 18 + 4 * syncs;
                int nameLength = in.getInt(14);
                yield "SPAWN of node '" + new String(m, nameAt, nameLength - 1, StandardCharsets.UTF_8) + "' scene " + m[1]
                        + " spawner path id " + in.getInt(2) + " net id " + in.getInt(6) + ", " + syncs + " sync ids, "
                        + (m.length - nameAt - nameLength) + " bytes of state";
            }
            case "DESPAWN" -> "DESPAWN net id " + in.getInt(1);
            case "SYNC" -> "SYNC time " + Short.toUnsignedInt(in.getShort(1)) + " net id 0x" + Integer.toHexString(in.getInt(3))
                    + " " + in.getInt(7) + " bytes of state";
            case "DELTA" -> "DELTA net id 0x" + Integer.toHexString(in.getInt(1)) + " indexes 0x"
                    + Long.toHexString(in.getLong(5)) + " " + in.getInt(13) + " bytes";
            case "SYS ADD_PEER", "SYS DEL_PEER" -> kind + " " + in.getInt(2);
            default -> {
                if (kind.startsWith("SYS RELAY ")) {
                    yield "SYS RELAY peer " + in.getInt(2) + ": " + describe(Arrays.copyOfRange(m, 6, m.length), false);
                }
                yield kind;
            }
        };
    }

    private static String cstring(byte[] m, int at) {
        int end = at;
        while (end < m.length && m[end] != 0) {
            end++;
        }
        return new String(m, at, end - at, StandardCharsets.UTF_8);
    }
}
