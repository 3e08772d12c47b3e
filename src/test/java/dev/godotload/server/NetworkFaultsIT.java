package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat job through {@code -Dgodot.faults=latency:50ms} against {@code serve} in its own
 * process. A round trip crosses the proxy twice, the call up and the sender's copy down, 50 ms
 * each way: the report's {@code chat round trip} is never under 100 ms, and its fastest is not far
 * over it (on loopback it is a few ms without the proxy).
 */
class NetworkFaultsIT {
    private static final int USERS = 6;
    private static final int SENTENCES = 3;
    /** The "Min" cell of a request's page in the HTML report. */
    private static final Pattern MIN = Pattern.compile("<td class=\"title\">Min</td>\\s*<td class=\"total\">([\\d,]+)</td>");

    @Test
    void theReportsRoundTripRisesByTheAddedLatency(@TempDir Path dir) throws Exception {
        try (ServeProcess server = ServeProcess.start(dir.resolve("serve.log"), "--db", ":memory:", "--summary-every", "0")) {
            GatlingRun run = GatlingRun.start(dir, "faults", "dev.godotload.simulations.ChatStressSimulation", List.of(
                    "godot.url=ws://127.0.0.1:" + server.port + "/", "godot.faults=latency:50ms",
                    "load.users=" + USERS, "load.ramp=1s", "load.sentences=" + SENTENCES, "load.interval=250ms",
                    // what this test checks is the added latency; a busy machine's tail is not
                    "load.chat.p99Ms=5000"));
            int exit = run.await();
            String console = run.consoleText();
            assertThat(exit).as("the run passes its assertions; the console:%n%s", console).isZero();
            assertThat(console).contains("with network faults latency:50ms for every user through the proxy at ws://127.0.0.1:")
                    .contains("godot-load: network faults latency:50ms on " + USERS + " of " + USERS + " users (100%); "
                            + "the proxy carried " + USERS + " connections")
                    .containsPattern("> chat round trip +\\| +" + USERS * SENTENCES + " \\| +" + USERS * SENTENCES + " \\| +0");

            long fastest = minMillis(dir.resolve("results-faults"), "req_chat-round-trip");
            // 100 ms more than loopback's few ms, never less; twice the toxic would be 200
            assertThat(fastest).isBetween(100L, 160L);
        }
    }

    private static long minMillis(Path results, String page) throws Exception {
        Path html;
        try (Stream<Path> files = Files.walk(results)) {
            html = files.filter(p -> p.getFileName().toString().startsWith(page)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + page + "*.html under " + results));
        }
        Matcher m = MIN.matcher(Files.readString(html));
        assertThat(m.find()).as("a Min cell in %s", html).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
