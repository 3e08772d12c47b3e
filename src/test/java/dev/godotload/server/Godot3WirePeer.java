package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import dev.godotload.testing.WsClient;
import dev.godotload.wire.packet.ConfirmPath;
import dev.godotload.wire.packet.Godot3Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.PeerId;
import dev.godotload.wire.packet.Routed;
import dev.godotload.wire.packet.SimplifyPath;

/**
 * A Godot 3 client of a running {@link ReferenceServer} that speaks raw bytes over a plain JDK
 * WebSocket ({@link WsClient}): it reads its SYS_ID on connect and otherwise sends and receives
 * whole messages exactly as given, its own id in every {@code from}. Every wait is bounded:
 * {@link WsClient#WAIT} for what must arrive, {@link #QUIET} for what must not.
 */
final class Godot3WirePeer implements AutoCloseable {
    static final Duration QUIET = Duration.ofMillis(300);
    static final Godot3Packets CODEC = Godot3Packets.INSTANCE;
    private static final HexFormat HEX = HexFormat.of();

    final WsClient ws;
    final int id;
    /** The first message, as received: the SYS_ID. */
    final byte[] idMessage;
    private int barriers;

    private Godot3WirePeer(WsClient ws, byte[] idMessage) {
        this.ws = ws;
        this.idMessage = idMessage;
        Routed first = CODEC.decode(idMessage);
        assertThat(first.from()).as("from of the first message").isEqualTo(1);
        assertThat(first.to()).as("to of the first message").isZero();
        assertThat(first.packet()).as("the first message").isInstanceOf(PeerId.class);
        this.id = ((PeerId) first.packet()).id();
        assertThat(id).isGreaterThanOrEqualTo(2);
    }

    /** Connects to {@code ws://127.0.0.1:port/} and reads the first message, which must be SYS_ID. */
    static Godot3WirePeer connect(int port) throws Exception {
        WsClient ws = WsClient.connect(port, "/");
        try {
            return new Godot3WirePeer(ws, ws.next());
        } catch (Throwable t) {
            ws.close();
            throw t;
        }
    }

    // ------------------------------------------------------------------ receiving

    byte[] next() throws InterruptedException {
        return ws.next();
    }

    String nextHex() throws InterruptedException {
        return hex(next());
    }

    Routed nextRouted() throws InterruptedException {
        return CODEC.decode(next());
    }

    /** The next message, which must be exactly {@code hex} (spaces ignored). */
    void expect(String hex) throws InterruptedException {
        assertThat(nextHex()).as("message to peer %d", id).isEqualTo(hex.replace(" ", ""));
    }

    /** The next message, which must be {@code packet} from {@code from} to {@code to}. */
    void expect(int from, int to, Packet packet) throws InterruptedException {
        expect(hex(CODEC.encode(new Routed(from, to, packet))));
    }

    /** Fails if any of {@code peers} receives a message within one shared {@link #QUIET} window. */
    static void expectNothing(Godot3WirePeer... peers) throws InterruptedException {
        long deadline = System.nanoTime() + QUIET.toNanos();
        for (Godot3WirePeer p : peers) {
            long left = Math.max(0, deadline - System.nanoTime());
            byte[] m = p.ws.messages.poll(left, TimeUnit.NANOSECONDS);
            assertThat(m == null ? null : hex(m)).as("unexpected message to peer %d", p.id).isNull();
        }
    }

    // ------------------------------------------------------------------ sending

    void send(String hex) throws Exception {
        ws.sendBinary(bytes(hex));
    }

    void send(byte[] message) throws Exception {
        ws.sendBinary(message);
    }

    /** A data message from this peer to {@code to}. */
    void send(int to, Packet packet) throws Exception {
        ws.sendBinary(CODEC.encode(new Routed(id, to, packet)));
    }

    /**
     * Waits until the server has processed everything this peer sent before: Godot 3 confirms any
     * SIMPLIFY_PATH, known node or not, so one for a made-up path comes back once the server got there.
     */
    void barrier() throws Exception {
        String path = "barrier/" + (++barriers);
        send(1, SimplifyPath.godot3(0x7000_0000 + barriers, path));
        expect(1, id, new ConfirmPath(true, NodeRef.path(path)));
    }

    // ------------------------------------------------------------------ bytes

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    /** {@code v} as 4 little-endian bytes in hex. */
    static String le(int v) {
        return hex(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }

    @Override
    public void close() {
        ws.close();
    }
}
