package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.server.multiplayer.ServerSettings;
import dev.godotload.server.node.WorldOptions;
import dev.godotload.server.transport.ConnectionLimits;
import dev.godotload.server.transport.TransportOptions;
import dev.godotload.testing.Await;
import dev.godotload.testing.LogCapture;
import dev.godotload.testing.RawClient;
import dev.godotload.wire.WireFormatException;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Raw;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.variant.PackedInt32Array;
import dev.godotload.world.SqliteWorldStore;
import dev.godotload.world.World;

import ch.qos.logback.classic.Level;

/**
 * The abuse a server exposed to players gets, one case a test, against one real {@link ReferenceServer}
 * (Godot 4.3, its world in a SQLite file) that runs with the limits a public server would set. After
 * each case a newcomer completes a chat round trip that a peer connected all along also receives, that
 * peer's merge is acknowledged, and the world it reads back holds every merge acknowledged so far;
 * at the end the file, reopened, holds them all too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AbuseTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofMillis(1000);
    private static final int MAX_PEERS = 10;
    private static final int MAX_MSGS_PER_SEC = 200;
    private static final Contract CONTRACT = Contract.bundled();
    private static final NodeSpec CHAT = CONTRACT.node("Main/Chat");
    private static final NodeSpec WORLD = CONTRACT.node("Main/World");
    private static final Godot4Packets CODEC = Godot4Packets.of(ServerSettings.defaults(CONTRACT).version());

    @TempDir
    static Path dir;
    private static Path database;
    private static ReferenceServer server;
    /** Connected from the first case to the last: the player every case must leave alone. */
    private static WirePeer loyal;
    private static final List<int[]> acknowledged = new ArrayList<>();
    private static int nextOpId = 1;
    private static int sentences;
    private static int barriers;
    private static final List<String> linesSeenByLoyal = new ArrayList<>();

    private LogCapture log;
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        database = dir.resolve("world.db");
        TransportOptions transport = TransportOptions.defaults().withPort(0).withHandshakeTimeout(HANDSHAKE_TIMEOUT)
                .withLimits(new ConnectionLimits(MAX_PEERS, MAX_MSGS_PER_SEC));
        server = ReferenceServer.start(transport, ServerSettings.defaults(CONTRACT), Game.SOCIAL,
                WorldOptions.defaults().withDatabase(database.toString()), Duration.ZERO);
        loyal = WirePeer.connect(server.port(), CODEC);
    }

    @AfterAll
    static void everyAcknowledgedMergeIsInTheFile() {
        if (loyal != null) {
            loyal.close();
        }
        if (server != null) {
            server.close();
        }
        assertThat(acknowledged).as("merges acknowledged over the cases").hasSizeGreaterThanOrEqualTo(5);
        try (SqliteWorldStore store = SqliteWorldStore.open(database.toString(), World.DEFAULT_PROPS)) {
            World reopened = store.load();
            for (int[] glued : acknowledged) {
                assertThat(reopened.together(glued[0], glued[1])).as("props %d and %d glued in the reopened file",
                        glued[0], glued[1]).isTrue();
            }
        }
    }

    @BeforeEach
    void capture() {
        log = new LogCapture();
    }

    @AfterEach
    void stillServed() throws Exception {
        try {
            for (AutoCloseable c : opened) {
                c.close();
            }
            assertWellBehavedPlayersAreServed();
        } finally {
            log.close();
        }
    }

    private WirePeer connect() throws Exception {
        WirePeer p = WirePeer.connect(server.port(), CODEC);
        opened.add(p);
        return p;
    }

    private RawClient raw() throws IOException {
        RawClient c = RawClient.connect(server.port(), -1);
        opened.add(c);
        return c;
    }

    // ------------------------------------------------------------------ the cases

    @Test
    void garbageAndTextFrames() throws Exception {
        WirePeer attacker = connect();
        Random random = new Random(14_5L);
        for (int i = 0; i < 40; i++) {
            byte[] garbage = new byte[1 + random.nextInt(200)];
            random.nextBytes(garbage);
            attacker.send(garbage);
        }
        for (int i = 0; i < 10; i++) {
            attacker.ws.sendText("{\"not\": \"a godot packet\", \"n\": " + i + "}");
        }
        barrier(attacker);
        assertThat(attacker.closed()).as("Godot logs and drops; the sender stays").isFalse();
        assertThat(log.lines(Level.WARN)).anyMatch(l -> l.startsWith("WARN peer " + attacker.id + " sent a malformed packet: offset "));
    }

    @Test
    void truncatedRpcs() throws Exception {
        WirePeer attacker = connect();
        byte[] whole = CODEC.encode(Rpc.of(NodeRef.path("Main/Chat"), CHAT.methodId("send_message"),
                List.of("cut short", 1L, 1L)));
        for (int length = 0; length < whole.length; length++) {
            attacker.send(java.util.Arrays.copyOf(whole, length));
        }
        assertThat(linesSeenByLoyal(attacker, "cut short")).isZero();
        assertThat(log.lines(Level.WARN).stream().filter(l -> l.startsWith("WARN peer " + attacker.id + " sent a malformed packet")))
                .hasSize(whole.length);
    }

    @Test
    void unknownMethodIds() throws Exception {
        WirePeer attacker = connect();
        for (int id : new int[] {2, 9, 200, 65_535}) {
            attacker.send(Rpc.of(NodeRef.path("Main/Chat"), id, List.of("who", 1L, 1L)));
        }
        barrier(attacker);
        assertThat(log.lines(Level.WARN)).contains("WARN peer " + attacker.id
                + " called method ID 9 on node Main/Chat, which has only [receive_message, send_message]");
        assertThat(attacker.closed()).isFalse();
    }

    @Test
    void anAuthorityRpcFromAClient() throws Exception {
        WirePeer attacker = connect();
        attacker.send(Rpc.of(NodeRef.path("Main/Chat"), CHAT.methodId("receive_message"),
                List.of(1L, "forged by a client", 1L, 1L)));
        assertThat(linesSeenByLoyal(attacker, "forged by a client")).isZero();
        assertThat(log.lines(Level.WARN)).contains("WARN peer " + attacker.id
                + " may not call RPC 'receive_message' on node Main/Chat: mode is \"authority\", authority is 1");
    }

    @Test
    void seventyThousandByteMessages() throws Exception {
        WirePeer attacker = connect();
        try {
            attacker.send(new byte[70_000]);
        } catch (Exception closedWhileSending) {
            // the server may close before the client has written it all
        }
        assertThat(attacker.ws.awaitClose()).isEqualTo(1009);
        Await.until("the close logged", () -> log.lines(Level.INFO).stream().anyMatch(l -> l.matches("INFO peer " + attacker.id
                + " disconnected \\(\\d+ peers?\\): message over 65535 bytes, closed with 1009")), WAIT);
    }

    @Test
    void upgradesNeverCompleted() throws Exception {
        RawClient half = raw();
        String request = RawClient.request("/", "");
        half.write(request.substring(0, request.length() / 2));
        assertThat(half.millisUntilClosed()).isBetween(HANDSHAKE_TIMEOUT.toMillis() - 300, HANDSHAKE_TIMEOUT.toMillis() + 1500);
        assertThat(log.lines(Level.WARN)).anyMatch(l -> l.matches("WARN handshake from 127\\.0\\.0\\.1:\\d+ timed out after 1000 ms"));
    }

    @Test
    void slowloris() throws Exception {
        RawClient slow = raw();
        byte[] request = (RawClient.request("/", "").replace("\r\n\r\n", "\r\n")
                + "X-Padding: " + "a".repeat(200) + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        long start = System.nanoTime();
        int sent = 0;
        try {
            // One byte every 20 ms: each byte would reset a per-read timeout; the handshake timeout counts from accept.
            while (sent < request.length && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4)) {
                slow.write(new byte[] {request[sent++]});
                Thread.sleep(20);
            }
        } catch (IOException closed) {
            // the server hung up on us, as it should
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(sent).as("bytes sent before the server hung up").isLessThan(request.length);
        assertThat(millis).isBetween(HANDSHAKE_TIMEOUT.toMillis() - 300, HANDSHAKE_TIMEOUT.toMillis() + 1500);
        assertThat(log.lines(Level.WARN)).anyMatch(l -> l.matches("WARN handshake from 127\\.0\\.0\\.1:\\d+ timed out after 1000 ms"));
    }

    @Test
    void twoThousandHalfOpenConnections() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 2000; i++) {
                Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port());
                s.setSoTimeout(3000);
                idle.add(s);
            }
            // While they hold their sockets, nobody else is kept out: they are not peers (max peers is 10).
            assertWellBehavedPlayersAreServed();
            long closed = 0;
            for (Socket s : idle) {
                closed += closedByServer(s) ? 1 : 0;
            }
            assertThat(closed).as("idle connections the server dropped after its handshake timeout").isEqualTo(2000);
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void aFloodOverTheMessageRate() throws Exception {
        WirePeer flooder = connect();
        byte[] raw = CODEC.encode(new Raw(new byte[] {1}));
        // Bounded in count; on a busy machine sending takes longer, and the flood must still be one.
        for (int i = 0; i < 20 * MAX_MSGS_PER_SEC && !flooder.closed(); i++) {
            try {
                flooder.send(raw);
            } catch (Exception closedMeanwhile) {
                break;
            }
        }
        assertThat(flooder.ws.awaitClose()).isEqualTo(1008);
        assertThat(flooder.ws.closeReason.get(5, TimeUnit.SECONDS)).isEqualTo("message rate over 200/s");
        assertThat(log.lines(Level.WARN)).anyMatch(l -> l.matches("WARN peer " + flooder.id
                + " \\(127\\.0\\.0\\.1:\\d+\\) sent more than 200 messages a second \\(burst 200\\); disconnected with 1008"));
    }

    @Test
    void moreUpgradesThanMaxPeers() throws Exception {
        Await.until("only the loyal peer left", () -> server.stats().peers() == 1, WAIT);
        for (int i = 1; i < MAX_PEERS; i++) {
            connect();
        }
        Await.until("all in", () -> server.stats().peers() == MAX_PEERS, WAIT);
        RawClient refused = raw();
        refused.write(RawClient.request("/", ""));
        assertThat(refused.readHead()).startsWith("HTTP/1.1 503 Service Unavailable");
        assertThat(log.lines(Level.WARN)).anyMatch(l -> l.matches(
                "WARN handshake from 127\\.0\\.0\\.1:\\d+ refused: 10 peers connected, max peers 10"));
        for (AutoCloseable c : opened) {
            c.close();
        }
        Await.until("places free again", () -> server.stats().peers() == 1, WAIT);
    }

    // ------------------------------------------------------------------ what must hold after each

    /**
     * A newcomer's chat line comes back to it and reaches the loyal peer; the loyal peer's merge is
     * acknowledged; the state it reads back holds every merge acknowledged so far.
     */
    private static void assertWellBehavedPlayersAreServed() throws Exception {
        String sentence = "still here " + (++sentences);
        try (WirePeer newcomer = WirePeer.connect(server.port(), CODEC)) {
            newcomer.sendChat(sentence, 1L, sentences);
            awaitRpc(newcomer, r -> r.methodId() == CHAT.methodId("receive_message") && sentence.equals(r.args().get(1)),
                    "its own chat line back");
            awaitRpc(loyal, r -> r.methodId() == CHAT.methodId("receive_message") && sentence.equals(r.args().get(1)),
                    "the newcomer's chat line");
        }
        int a = 2 * acknowledged.size() + 1;
        int[] glued = {a, a + 1};
        long opId = nextOpId++;
        loyal.send(Rpc.of(NodeRef.path("Main/World"), WORLD.methodId("merge_world"), List.of(opId, new PackedInt32Array(glued))));
        awaitRpc(loyal, r -> r.methodId() == WORLD.methodId("edit_applied") && Long.valueOf(opId).equals(r.args().get(0)),
                "edit_applied(" + opId + ")");
        acknowledged.add(glued);
        loyal.send(Rpc.of(NodeRef.path("Main/World"), WORLD.methodId("request_state"), List.of()));
        Rpc state = awaitRpc(loyal, r -> r.methodId() == WORLD.methodId("receive_state"), "receive_state");
        java.util.Map<Integer, Integer> groupOf = new java.util.HashMap<>();
        List<?> groups = (List<?>) state.args().get(1);
        for (int i = 0; i < groups.size(); i++) {
            for (int prop : ((PackedInt32Array) groups.get(i)).values()) {
                groupOf.put(prop, i);
            }
        }
        for (int[] g : acknowledged) {
            assertThat(groupOf.get(g[0])).as("acknowledged merge of %d and %d in the state", g[0], g[1])
                    .isNotNull().isEqualTo(groupOf.get(g[1]));
        }
    }

    /**
     * The next RPC to {@code p} that {@code wanted} accepts, within {@link #WAIT}. Anything else is
     * skipped: announcements, copies of other lines, and whatever an attacker relayed (Godot forwards
     * a relay unread, so garbage may reach a player, as it would from Godot).
     */
    private static Rpc awaitRpc(WirePeer p, Predicate<Rpc> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        byte[] m;
        while ((m = next(p, deadline)) != null) {
            if (decode(m) instanceof Rpc r && wanted.test(r)) {
                return r;
            }
        }
        throw new AssertionError("peer " + p.id + " got no " + what + " within " + WAIT);
    }

    /**
     * Waits until the server has handled everything {@code p} sent before, as {@link WirePeer#barrier()}
     * does, skipping what arrives in between (announcements, relayed garbage). Sent after another
     * peer's barrier returned, it also proves that everything that peer's packets made the server send
     * {@code p} has arrived: the game loop handled them first.
     */
    private static void barrier(WirePeer p) throws Exception {
        byte[] echo = WirePeer.bytes("07 03" + WirePeer.le(p.id) + "03 " + WirePeer.le(++barriers));
        p.send(echo);
        long deadline = System.nanoTime() + WAIT.toNanos();
        byte[] m;
        while ((m = next(p, deadline)) != null) {
            if (java.util.Arrays.equals(m, echo)) {
                return;
            }
        }
        throw new AssertionError("peer " + p.id + ": barrier " + barriers + " did not come back within " + WAIT);
    }

    /** The next message to {@code p} before {@code deadline}, or null; the loyal peer's chat lines are kept. */
    private static byte[] next(WirePeer p, long deadline) throws InterruptedException {
        byte[] m = p.ws.messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (m != null && p == loyal && decode(m) instanceof Rpc r && r.methodId() == CHAT.methodId("receive_message")
                && r.args().size() == 4) {
            linesSeenByLoyal.add(String.valueOf(r.args().get(1)));
        }
        return m;
    }

    private static Packet decode(byte[] m) {
        try {
            return CODEC.decode(m);
        } catch (WireFormatException relayedGarbage) {
            return null;
        }
    }

    /** How often the loyal peer got {@code text} as a chat line, once {@code attacker}'s packets are handled. */
    private static long linesSeenByLoyal(WirePeer attacker, String text) throws Exception {
        barrier(attacker);
        barrier(loyal);
        return linesSeenByLoyal.stream().filter(text::equals).count();
    }

    private static boolean closedByServer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }
}
