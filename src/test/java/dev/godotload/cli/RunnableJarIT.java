package dev.godotload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.godotload.target.TargetProbe;

/** The shaded jar that `./mvnw package` builds runs on its own, as QA runs it. */
class RunnableJarIT {
    private record Run(int status, String out, String err) {
    }

    private static List<String> command(String... args) {
        Path jar = Path.of(System.getProperty("godotload.jar", "target/godot-load.jar"));
        assertThat(jar).exists();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static Run jar(String... args) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(args)).start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("jar finished within 60 s").isTrue();
            return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                    new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void decodesAPacketAsJson() throws Exception {
        Run r = jar("decode", "--godot", "4.3", "80010001020 3".replace(" ", ""));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("{\"kind\":\"Rpc\",\"node\":{\"id\":1},\"method_id\":0,"
                + "\"args\":[{\"type\":\"PackedByteArray\",\"value\":[1,2,3]}],"
                + "\"node_id_bytes\":1,\"method_id_bytes\":1,\"byte_only_or_no_args\":true}");
    }

    @Test
    void malformedInputIsOneLineAndStatus1() throws Exception {
        Run r = jar("decode", "--godot", "4.2", "1001");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).containsExactly(
                "packet: offset 0: this REMOTE_CALL header is at least 4 bytes, got 2");
    }

    @Test
    void decodesAFileOfGodot3Messages() throws Exception {
        Path file = Files.createTempFile("godot3", ".hex");
        try {
            Files.writeString(file, "030100000000000000e0333a5d\n01010000000000000001000000\n");
            Run r = jar("decode", "--godot", "3", "--file", file.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out().lines().toList()).hasSize(2)
                    .allSatisfy(l -> assertThat(l).startsWith("{\"kind\":\"Routed\""));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void servesUntilSigtermThenStopsCleanly() throws Exception {
        Path err = Files.createTempFile("serve", ".err");
        Process p = new ProcessBuilder(command("serve", "--port", "0", "--summary-every", "0"))
                .redirectError(err.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            String banner = first.get(20, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("listening on (ws://127\\.0\\.0\\.1:\\d+) \\(Godot 4\\.3 protocol, stress mode on\\)")
                    .matcher(banner);
            assertThat(m.find()).as(banner).isTrue();
            int id = TargetProbe.probe(m.group(1), Duration.ofSeconds(5));
            assertThat(id).isGreaterThanOrEqualTo(2);

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s of SIGTERM").isTrue();
            String log = Files.readString(err);
            assertThat(log).contains("peer " + id + " connected from 127.0.0.1:").contains("stopped listening on");
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }

    @Test
    void servesGodot3WithSysIdAsTheFirstMessage() throws Exception {
        Path err = Files.createTempFile("serve3", ".err");
        Process p = new ProcessBuilder(command("serve", "--port", "0", "--godot", "3", "--db", ":memory:",
                "--summary-every", "0")).redirectError(err.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String banner = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).get(20, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("listening on (ws://127\\.0\\.0\\.1:\\d+) \\(Godot 3 protocol, stress mode on\\)")
                    .matcher(banner);
            assertThat(m.find()).as(banner).isTrue();

            CompletableFuture<byte[]> first = new CompletableFuture<>();
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                    .buildAsync(URI.create(m.group(1)), new WebSocket.Listener() {
                        private final ByteArrayOutputStream message = new ByteArrayOutputStream();

                        @Override
                        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
                            byte[] part = new byte[data.remaining()];
                            data.get(part);
                            message.writeBytes(part);
                            if (last) {
                                first.complete(message.toByteArray());
                            }
                            socket.request(1);
                            return null;
                        }
                    }).get(5, TimeUnit.SECONDS);
            byte[] sysId = first.get(5, TimeUnit.SECONDS);
            ws.abort();
            // type SYS_ID, from 1, to 0, then the id: no 4-byte id message in Godot 3
            assertThat(sysId).hasSize(13).startsWith(3, 1, 0, 0, 0, 0, 0, 0, 0);

            p.destroy(); // SIGTERM
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("stopped within 10 s of SIGTERM").isTrue();
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(err);
        }
    }

    @Test
    void serveRefusesAGodot3AuthTokenInOneLine() throws Exception {
        Run r = jar("serve", "--godot", "3", "--auth-token", "secret");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValue(
                "godot-load serve: --auth-token: Godot 3 has no authentication; use --godot 4.x for a token");
    }

    @Test
    void serveRefusesABadPortWithUsage() throws Exception {
        Run r = jar("serve", "--port", "http");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().findFirst()).hasValue(
                "godot-load serve: --port must be 0 to 65535 (0 picks a free port), got 'http'");
    }

    @Test
    void serveSaysWhyItCannotListen() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run r = jar("serve", "--port", String.valueOf(taken.getLocalPort()));
            assertThat(r.status()).isEqualTo(1);
            assertThat(r.err().lines().filter(l -> l.startsWith("godot-load serve:")).toList()).containsExactly(
                    "godot-load serve: cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": Address already in use");
        }
    }

    @Test
    void theVersionIsThePomsAndEachCommandHasHelp() throws Exception {
        Run version = jar("--version");
        assertThat(version.status()).as(version.err()).isZero();
        assertThat(version.out().lines().findFirst()).hasValueSatisfying(
                l -> assertThat(l).matches("godot-load \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));
        Run help = jar("serve", "--help");
        assertThat(help.status()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("usage: java -jar godot-load.jar serve ").contains("--port PORT");
    }
}
