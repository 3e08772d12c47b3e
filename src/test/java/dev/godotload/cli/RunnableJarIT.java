package dev.godotload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar that `./mvnw package` builds runs on its own, as QA runs it. */
class RunnableJarIT {
    private record Run(int status, String out, String err) {
    }

    private static Run jar(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("godotload.jar", "target/godot-load.jar"));
        assertThat(jar).exists();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).start();
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
}
