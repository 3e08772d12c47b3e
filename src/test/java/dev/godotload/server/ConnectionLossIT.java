package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The server goes away under the users: it dies mid-run (SIGKILL, so no close frame), or closes
 * them. Every user records one KO {@code connection lost}, stops sending, and the run still ends on
 * its own with its report and failed assertions, well within {@code load.maxWait}.
 */
class ConnectionLossIT {
    private static final int USERS = 6;
    private static final long MAX_WAIT_SECONDS = 20;

    @Test
    void aServerKilledMidRunIsOneConnectionLostKoPerUserAndTheRunStillEndsWithItsReport(@TempDir Path dir)
            throws Exception {
        GatlingRun run;
        long killedAt;
        try (ServeProcess server = ServeProcess.start(dir.resolve("serve.log"), "--db", ":memory:", "--summary-every", "0")) {
            run = GatlingRun.start(dir, "killed", "dev.godotload.simulations.ChatStressSimulation", List.of(
                    "godot.url=ws://127.0.0.1:" + server.port + "/", "load.users=" + USERS, "load.ramp=1s",
                    "load.sentences=400", "load.interval=100ms", "load.maxWait=" + MAX_WAIT_SECONDS + "s"));
            waitForChat(run);
            server.kill();
            killedAt = System.nanoTime();
        }
        int exit = run.await();
        long secondsAfterKill = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - killedAt);
        String console = run.consoleText();
        assertThat(exit).as("the assertions failed; the console:%n%s", console).isEqualTo(2);
        assertThat(secondsAfterKill).as("run ended %d s after the kill", secondsAfterKill).isLessThan(MAX_WAIT_SECONDS + 15);
        assertThat(koCount(console, "connection lost")).as("one connection lost per user; the console:%n%s", console)
                .isEqualTo((long) USERS);
        assertThat(console).contains("connection lost: count of failed events is 0.0 : false (actual : " + USERS + ".0)")
                .contains("connection lost at 'chat round trip': the server closed the WebSocket or the connection dropped");
        try (Stream<Path> reports = Files.walk(dir.resolve("results-killed"))) {
            assertThat(reports.filter(p -> p.getFileName().toString().equals("index.html")).count())
                    .as("the HTML report was written").isEqualTo(1);
        }
        // the vitals sampler lost its server too, said so once, and the page is still written beside the report
        Matcher page = Pattern.compile("godot-load: server vitals: (file:\\S+)").matcher(console);
        assertThat(page.find()).as("the vitals line; the console:%n%s", console).isTrue();
        Path html = Path.of(java.net.URI.create(page.group(1)));
        assertThat(html).startsWith(dir.resolve("results-killed")).exists();
        String vitals = Files.readString(html.resolveSibling("vitals.json"));
        assertThat(vitals).containsPattern("\"note\" : \"the (target closed the connection|connection to the target failed)"
                + " [^\"]*: server vitals end here\"");
        assertThat(console.split("server vitals end here", -1)).as("said once").hasSize(2);
        JsonNode users = new ObjectMapper().readTree(vitals).get("users");
        assertThat(users).as("users online: all of them while they chat, none once each lost its connection")
                .anyMatch(n -> n.asInt() == USERS);
        assertThat(users.get(users.size() - 1).asInt()).isZero();
    }

    /**
     * The server closes each user for talking too fast (the embedded server's message rate limit):
     * every user records one {@code connection lost}, and the close reason the server gave shows in
     * the KO of the wait it interrupted.
     */
    @Test
    void aServerThatClosesAUserIsThatUsersConnectionLostWithTheServersReason(@TempDir Path dir) throws Exception {
        int users = 4;
        GatlingRun run = GatlingRun.start(dir, "closed", "dev.godotload.simulations.ChatStressSimulation", List.of(
                "godot.maxMsgsPerSec=2", "load.users=" + users, "load.ramp=1s", "load.sentences=10",
                "load.interval=100ms", "load.maxWait=10s"));
        int exit = run.await();
        String console = run.consoleText();
        assertThat(exit).as("the assertions failed; the console:%n%s", console).isEqualTo(2);
        assertThat(koCount(console, "connection lost")).as("one connection lost per user; the console:%n%s", console)
                .isEqualTo((long) users);
        assertThat(console).contains("connection lost: count of failed events is 0.0 : false (actual : " + users + ".0)")
                .contains("> WebSocket crashed while waiting for check: message rate over 2/s");
    }

    /** Until the users have said a few sentences each (bounded). */
    private static void waitForChat(GatlingRun run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            if (counts(run.consoleText(), "chat round trip")[1] >= USERS * 5) {
                return;
            }
        }
        throw new AssertionError("the users did not chat within 60 s; the console:\n" + run.consoleText());
    }

    /** The KO count of {@code row} in the last of Gatling's console summaries, -1 when it has none. */
    static long koCount(String console, String row) {
        return counts(console, row)[2];
    }

    /** Total, OK and KO of {@code row} in the last console summary ("> row | total | ok | ko"); -1 each when absent. */
    private static long[] counts(String console, String row) {
        Matcher m = Pattern.compile("> " + Pattern.quote(row) + "\\s+\\|\\s*([0-9,]+)\\s*\\|\\s*([0-9,]+)\\s*\\|\\s*([0-9,]+)")
                .matcher(console);
        long[] last = {-1, -1, -1};
        while (m.find()) {
            for (int i = 0; i < 3; i++) {
                last[i] = Long.parseLong(m.group(i + 1).replace(",", ""));
            }
        }
        return last;
    }
}
