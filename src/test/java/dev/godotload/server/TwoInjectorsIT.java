package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.godotload.contract.Contract;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Rpc;

/**
 * One population split over two injector JVMs against one {@code serve}: each Gatling run must be
 * green on its own, with an exact delivery ratio for the copies it can judge, and what both
 * received must add up to what the server says it sent. Nothing is shared between the two JVMs
 * but the server and the machine's wall clock.
 */
class TwoInjectorsIT {
    private static final int USERS_EACH = 15;
    private static final int SENTENCES = 4;
    /** The console line of FanOut.summary() for chat, with this injector's counts. */
    private static final Pattern SUMMARY = Pattern.compile("chat fan-out delivery ratio ([0-9.]+)%: ([0-9,]+) of ([0-9,]+)"
            + " expected copies arrived, ([0-9,]+) missing, ([0-9,]+) duplicate or out of order, ([0-9,]+) from unannounced"
            + " peers, ([0-9,]+) messages without a round trip; ([0-9,]+) more copies came from users of other injectors"
            + " \\(timed, not judged: this injector cannot know who they were sent to\\), ([0-9,]+) copies reached this"
            + " injector's users in all");

    @Test
    void twoInjectorsAreEachGreenAndTogetherAccountForEveryCopyTheServerSent(@TempDir Path dir) throws Exception {
        try (ServeProcess server = ServeProcess.start(dir.resolve("serve.log"), "--db", ":memory:", "--summary-every", "0")) {
            GatlingRun a = injector(server.port, dir, "a");
            GatlingRun b = injector(server.port, dir, "b");
            Injector first = finish(a);
            Injector second = finish(b);

            for (Injector i : List.of(first, second)) {
                assertThat(i.exitCode).as("Gatling exit code of injector %s (0: assertions passed); its console:%n%s",
                        i.name, i.console).isZero();
                assertThat(i.ratio).as("injector %s judges its own users' copies exactly", i.name).isEqualTo("100.000");
                assertThat(i.delivered).isEqualTo(i.expected).isPositive();
                assertThat(i.missing + i.duplicates + i.strangers + i.withoutRoundTrip).isZero();
                assertThat(i.fromOthers).as("injector %s heard the other's users", i.name).isPositive();
            }
            Map<Object, Object> stats = stats(server.port);
            long said = 2L * USERS_EACH * SENTENCES;
            assertThat(stats.get("rpcs_in")).as("every sentence of both injectors, and this request_stats")
                    .isEqualTo(said + 1);
            long copies = first.received + second.received;
            assertThat(stats.get("rpcs_out")).as("the copies the server sent are the copies both injectors received;"
                    + " the consoles:%n%s%n%s", first.console, second.console).isEqualTo(copies);
            for (Injector i : List.of(first, second)) {
                long own = (long) USERS_EACH * SENTENCES;
                assertThat(i.received).as("injector %s: own copies, judged copies and the other's copies", i.name)
                        .isEqualTo(own + i.delivered + i.fromOthers);
            }
        }
    }

    private static GatlingRun injector(int port, Path dir, String name) throws Exception {
        return GatlingRun.start(dir, name, "dev.godotload.simulations.ChatStressSimulation", List.of(
                "godot.url=ws://127.0.0.1:" + port + "/", "load.users=" + USERS_EACH, "load.ramp=2s",
                "load.sentences=" + SENTENCES, "load.interval=300ms", "load.maxWait=60s",
                // each sampler would ask for stats and get every copy too: the counts below are the users' alone
                "godot.vitals=off",
                // the other injector's users may still talk when ours are done: ours listen on until they are too
                "load.linger=15s"));
    }

    private record Injector(String name, int exitCode, String console, String ratio, long delivered, long expected,
            long missing, long duplicates, long strangers, long withoutRoundTrip, long fromOthers, long received) {
    }

    private static Injector finish(GatlingRun run) throws Exception {
        int exit = run.await();
        String console = run.consoleText();
        Matcher m = SUMMARY.matcher(console);
        assertThat(m.find()).as("injector %s printed its delivery summary; its console:%n%s", run.name, console).isTrue();
        return new Injector(run.name, exit, console, m.group(1), n(m, 2), n(m, 3), n(m, 4), n(m, 5), n(m, 6), n(m, 7),
                n(m, 8), n(m, 9));
    }

    private static long n(Matcher m, int group) {
        return Long.parseLong(m.group(group).replace(",", ""));
    }

    /** {@code Main/Stats.request_stats()}, answered with {@code receive_stats(stats)}. */
    @SuppressWarnings("unchecked")
    private static Map<Object, Object> stats(int port) throws Exception {
        Godot4Packets codec = Godot4Packets.of(GodotVersion.GODOT_4_3);
        try (WirePeer peer = WirePeer.connect(port, codec)) {
            int requestStats = Contract.bundled().node("Main/Stats").methodId("request_stats");
            peer.send(Rpc.of(NodeRef.path("Main/Stats"), requestStats, List.of()));
            for (int i = 0; i < 100; i++) {
                Packet p = peer.nextPacket();
                if (p instanceof Rpc reply) {
                    return (Map<Object, Object>) reply.args().get(0);
                }
            }
            throw new AssertionError("no receive_stats among the server's first 100 packets");
        }
    }
}
