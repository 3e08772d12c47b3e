package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.variant.PackedInt32Array;
import dev.godotload.world.IntegrityVerdict;
import dev.godotload.world.MergeHistory;

/**
 * The reference server as QA runs it ({@code java -jar target/godot-load.jar serve --db FILE}),
 * killed with SIGKILL while merges stream in from several clients, restarted on the same file, over
 * several kill points; at the end the world is read back and every acknowledged merge must be in it.
 */
class ServerCrashIT {
    private static final Godot4Packets CODEC = Godot4Packets.of(GodotVersion.GODOT_4_3);
    private static final NodeSpec WORLD = Contract.bundled().node("Main/World");
    private static final String WORLD_PATH = "Main/World";
    /** Sparse enough that a lost merge almost always leaves its props apart. */
    private static final int PROPS = 100_000;
    private static final int CLIENTS = 3;
    /** Merges a client may have sent without an answer: enough to keep commits batching at the kill. */
    private static final int IN_FLIGHT = 32;
    private static final int MAX_MERGES_PER_CLIENT = 20_000;
    private static final long[] KILL_AFTER_ACKS = {1, 60, 500, 2_000};

    private final MergeHistory history = new MergeHistory();
    private final AtomicLong opIds = new AtomicLong();

    @Test
    void noAcknowledgedMergeIsLostWhenTheServerIsKilledMidStream(@TempDir Path dir) throws Exception {
        Path db = dir.resolve("world.db");
        long unansweredAtKills = 0;
        for (int round = 0; round < KILL_AFTER_ACKS.length; round++) {
            try (ServeProcess server = ServeProcess.start(dir.resolve("server-" + round + ".log"), serveArgs(db))) {
                AtomicLong acks = new AtomicLong();
                List<Streamer> streamers = new ArrayList<>();
                for (int c = 0; c < CLIENTS; c++) {
                    streamers.add(new Streamer(WirePeer.connect(server.port, CODEC), acks, new Random(round * 31L + c)));
                }
                streamers.forEach(Streamer::start);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (acks.get() < KILL_AFTER_ACKS[round] && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertThat(acks.get()).as("acknowledgements before kill point %d", round).isGreaterThanOrEqualTo(KILL_AFTER_ACKS[round]);
                server.kill();
                for (Streamer s : streamers) {
                    s.stopAndJoin();
                    unansweredAtKills += s.unanswered();
                }
            }
        }

        IntegrityVerdict verdict;
        long versionAfterRestart;
        try (ServeProcess server = ServeProcess.start(dir.resolve("server-final.log"), serveArgs(db));
                WirePeer reader = WirePeer.connect(server.port, CODEC)) {
            reader.send(Rpc.of(NodeRef.path(WORLD_PATH), WORLD.methodId("request_state"), List.of()));
            Rpc state = nextWorldRpc(reader, "receive_state");
            List<int[]> groups = new ArrayList<>();
            for (Object g : (List<?>) state.args().get(1)) {
                groups.add(((PackedInt32Array) g).values());
            }
            verdict = IntegrityVerdict.check(history.ops(), history.anomalies(), (Long) state.args().get(0), groups);

            // the restarted world continues from its stored version
            reader.send(merge(opIds.incrementAndGet(), new int[] {PROPS - 1, PROPS}));
            versionAfterRestart = (Long) nextWorldRpc(reader, "edit_applied").args().get(1);
            assertThat(versionAfterRestart).isEqualTo(verdict.finalVersion() + 1);
        }

        assertThat(verdict.lost()).as(verdict.summary()).isEmpty();
        assertThat(verdict.unexpected()).as(verdict.summary()).isEmpty();
        assertThat(verdict.anomalies()).as(verdict.summary()).isEmpty();
        assertThat(verdict.acknowledged()).isGreaterThanOrEqualTo((int) (1 + 60 + 500 + 2_000));
        assertThat(unansweredAtKills).as("merges in flight when the server was killed").isPositive();
        System.out.println("ServerCrashIT: " + verdict.summary());
    }

    private static Rpc merge(long opId, int[] glued) {
        return Rpc.of(NodeRef.path(WORLD_PATH), WORLD.methodId("merge_world"), List.of(opId, new PackedInt32Array(glued)));
    }

    /** The next Main/World RPC named {@code method}, skipping path announcements, peers and others' changes. */
    private static Rpc nextWorldRpc(WirePeer peer, String method) throws InterruptedException {
        for (int i = 0; i < 10_000; i++) {
            Packet p = peer.nextPacket();
            if (p instanceof Rpc r && WORLD.rpc(r.methodId()).name().equals(method)) {
                return r;
            }
        }
        throw new AssertionError("no " + method + " among 10,000 packets");
    }

    /** One client sending merges as fast as the server answers, up to {@link #IN_FLIGHT} ahead. */
    private final class Streamer {
        private final WirePeer peer;
        private final AtomicLong acks;
        private final Random random;
        private final Semaphore window = new Semaphore(IN_FLIGHT);
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong answered = new AtomicLong();
        private final Thread sender = new Thread(this::send, "crash-sender");
        private final Thread receiver = new Thread(this::receive, "crash-receiver");

        Streamer(WirePeer peer, AtomicLong acks, Random random) {
            this.peer = peer;
            this.acks = acks;
            this.random = random;
        }

        void start() {
            sender.start();
            receiver.start();
        }

        private void send() {
            try {
                for (int n = 0; n < MAX_MERGES_PER_CLIENT && !stop.get(); n++) {
                    while (!window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                        if (stop.get()) {
                            return;
                        }
                    }
                    int[] glued = random.ints(1, PROPS + 1).distinct().limit(2 + random.nextInt(4)).toArray();
                    long op = opIds.incrementAndGet();
                    history.attempted(peer.id, op, glued);
                    sent.incrementAndGet();
                    peer.send(merge(op, glued));
                }
            } catch (Exception killed) {
                // the server is gone: what was sent and not answered stays indeterminate
            }
        }

        private void receive() {
            try {
                while (!stop.get() && !peer.closed()) {
                    byte[] m = peer.ws.messages.poll(50, TimeUnit.MILLISECONDS);
                    if (m == null) {
                        continue;
                    }
                    Packet p = CODEC.decode(m);
                    if (!(p instanceof Rpc r) || !(r.node() instanceof NodeRef.Path path) || !path.path().equals(WORLD_PATH)) {
                        continue;
                    }
                    String method = WORLD.rpc(r.methodId()).name();
                    long op = (Long) r.args().get(0);
                    if (method.equals("edit_applied")) {
                        history.acknowledged(peer.id, op, (Long) r.args().get(1));
                        acks.incrementAndGet();
                    } else if (method.equals("edit_rejected")) {
                        history.rejected(peer.id, op, (String) r.args().get(1));
                    } else {
                        continue;
                    }
                    answered.incrementAndGet();
                    window.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void stopAndJoin() throws InterruptedException {
            stop.set(true);
            sender.join(10_000);
            receiver.join(10_000);
            assertThat(sender.isAlive() || receiver.isAlive()).as("client threads ended").isFalse();
            peer.close();
        }

        long unanswered() {
            return sent.get() - answered.get();
        }
    }

    /** {@code serve} on {@code db}, with sparse props and no periodic summary. */
    private static String[] serveArgs(Path db) {
        return new String[] {"--db", db.toString(), "--props", String.valueOf(PROPS), "--summary-every", "0"};
    }
}
