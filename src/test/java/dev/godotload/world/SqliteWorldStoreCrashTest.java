package dev.godotload.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged merge survives a kill -9 of the process that wrote it; nothing unacknowledged is invented. */
class SqliteWorldStoreCrashTest {
    /** Acknowledgements to see before the kill: the writer is then mid-stream, with batches in flight. */
    private static final long ACKS_BEFORE_KILL = 5_000;
    private static final long DEADLINE_MS = 60_000;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMergeSurvivesAKill9() throws Exception {
        Path file = dir.resolve("world.db");
        Process child = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AckingWriter.class.getName(), file.toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long lastAcked = 0;
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.currentTimeMillis() + DEADLINE_MS;
            String line;
            while (lastAcked < ACKS_BEFORE_KILL && System.currentTimeMillis() < deadline && (line = out.readLine()) != null) {
                if (line.startsWith("acked ")) {
                    lastAcked = Math.max(lastAcked, Long.parseLong(line.substring("acked ".length())));
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no close(), no checkpoint, no shutdown hook
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastAcked).as("acknowledgements seen before the kill").isGreaterThanOrEqualTo(ACKS_BEFORE_KILL);

        try (SqliteWorldStore store = SqliteWorldStore.open(file.toString(), AckingWriter.PROPS)) {
            World stored = store.load();
            assertThat(stored.version()).as("nothing acknowledged is lost").isGreaterThanOrEqualTo(lastAcked);
            World expected = new World(AckingWriter.PROPS);
            for (long v = 1; v <= stored.version(); v++) {
                expected.apply(AckingWriter.glued(v));
            }
            assertThat(WorldTest.groups(stored)).as("exactly merges 1 to the stored version, none invented")
                    .isEqualTo(WorldTest.groups(expected));
            assertThat(stored.version()).isLessThan(AckingWriter.MERGES); // it was killed mid-stream
        }
    }
}
