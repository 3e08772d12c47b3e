package dev.godotload.bench.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The live heap of another JVM, as the capacity and soak commands read it. */
class JvmTest {
    private static final int MB = 1024 * 1024;

    /** Keeps 48 MB reachable after making 120 MB of garbage, says so, and waits (60 s at most). */
    public static final class Holder {
        static byte[][] kept;

        public static void main(String[] args) throws Exception {
            kept = new byte[48][];
            for (int i = 0; i < kept.length; i++) {
                kept[i] = new byte[MB];
            }
            for (int i = 0; i < 120; i++) {
                byte[] garbage = new byte[MB];
                garbage[i] = 1;
            }
            System.out.println("ready");
            System.out.flush();
            Thread.sleep(60_000);
        }
    }

    @Test
    @Timeout(60)
    void theLiveHeapIsWhatIsReachableNotWhatWasAllocated(@TempDir Path dir) throws Exception {
        // a young generation big enough that the garbage is still there when we look
        try (Jvm jvm = Jvm.start("holder", List.of("-Xms512m", "-Xmx512m", "-Xmn400m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path")), List.of(Holder.class.getName()), dir.resolve("holder.log"))) {
            for (int i = 0; i < 300 && !Files.readString(dir.resolve("holder.log")).contains("ready"); i++) {
                Thread.sleep(100);
            }
            assertThat(jvm.consoleText()).contains("ready");

            long live = jvm.liveHeapBytes();

            assertThat(live).as("48 MB held").isGreaterThan(48L * MB).as("the 120 MB of garbage collected")
                    .isLessThan(80L * MB);
            assertThat(jvm.liveHeapBytes()).as("a second reading over the same connection")
                    .isBetween(live - 8L * MB, live + 8L * MB);
        }
    }
}
