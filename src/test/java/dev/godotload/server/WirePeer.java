package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.godotload.contract.Contract;
import dev.godotload.testing.WsClient;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Rpc;
import dev.godotload.wire.packet.SimplifyPath;

/**
 * A client of a running {@link ReferenceServer} that speaks raw bytes over a plain WebSocket
 * ({@link WsClient}): it reads its peer id on connect and otherwise sends and receives whole
 * messages exactly as given. Every wait is bounded: {@link WsClient#WAIT} for what must arrive,
 * {@link #QUIET} for what must not.
 */
final class WirePeer implements AutoCloseable {
    /** How long "nothing arrives" is watched for. */
    static final Duration QUIET = Duration.ofMillis(300);
    static final String CHAT = "Main/Chat";
    static final int RECEIVE_MESSAGE = 0;
    static final int SEND_MESSAGE = 1;
    static final String CHAT_MD5 = Contract.bundled().node(CHAT).methodsMd5();
    private static final HexFormat HEX = HexFormat.of();

    final WsClient ws;
    final int id;
    /** The id message as received. */
    final byte[] idBytes;
    final Godot4Packets codec;
    /** The server's path-cache id for Main/Chat, once it announced it to this peer. */
    Integer announcedChatId;

    private WirePeer(WsClient ws, byte[] idBytes, Godot4Packets codec) {
        this.ws = ws;
        this.idBytes = idBytes;
        this.codec = codec;
        // Godot's client accepts exactly 4 bytes, LE, >= 2; decodePeerId refuses anything else.
        this.id = codec.decodePeerId(idBytes).id();
    }

    /** Connects to {@code ws://127.0.0.1:port/} and reads the first message, the peer id. */
    static WirePeer connect(int port, Godot4Packets codec) throws Exception {
        WsClient ws = WsClient.connect(port, "/");
        try {
            return new WirePeer(ws, ws.next(), codec);
        } catch (Throwable t) {
            ws.close();
            throw t;
        }
    }

    // ------------------------------------------------------------------ receiving

    /** The next whole message, within {@link WsClient#WAIT}. */
    byte[] next() throws InterruptedException {
        return ws.next();
    }

    Packet nextPacket() throws InterruptedException {
        return codec.decode(next());
    }

    /**
     * The next RPC from the server. Before the first one the server must announce Main/Chat with
     * SIMPLIFY_PATH (and its md5), exactly once per connection: that is checked and its id kept.
     */
    Rpc nextRpc() throws InterruptedException {
        Packet p = nextPacket();
        if (p instanceof SimplifyPath s) {
            assertThat(announcedChatId).as("Main/Chat announced twice to peer %d", id).isNull();
            assertThat(s.path()).isEqualTo(CHAT);
            assertThat(s.methodsMd5()).isEqualTo(CHAT_MD5);
            announcedChatId = s.cacheId();
            p = nextPacket();
        }
        assertThat(p).as("message to peer %d", id).isInstanceOf(Rpc.class);
        assertThat(announcedChatId).as("an RPC before Main/Chat was announced to peer %d", id).isNotNull();
        return (Rpc) p;
    }

    /** The next RPC must be {@code receive_message(from, text, sentUsec, seq)}. */
    Rpc expectChat(int from, String text, long sentUsec, long seq) throws InterruptedException {
        Rpc rpc = nextRpc();
        assertThat(rpc.methodId()).as("method id").isEqualTo(RECEIVE_MESSAGE);
        assertThat(rpc.args()).containsExactly((long) from, text, sentUsec, seq);
        return rpc;
    }

    /** The next message, which must be exactly {@code hex} (spaces ignored). */
    void expect(String hex) throws InterruptedException {
        assertThat(hex(next())).as("message to peer %d", id).isEqualTo(hex.replace(" ", ""));
    }

    void expect(byte[] bytes) throws InterruptedException {
        expect(hex(bytes));
    }

    /** Fails if any message arrives within {@link #QUIET}. */
    void expectNothing() throws InterruptedException {
        expectNothing(this);
    }

    /** Fails if any of {@code peers} receives a message within one shared {@link #QUIET} window. */
    static void expectNothing(WirePeer... peers) throws InterruptedException {
        long deadline = System.nanoTime() + QUIET.toNanos();
        for (WirePeer p : peers) {
            long left = Math.max(0, deadline - System.nanoTime());
            byte[] m = p.ws.messages.poll(left, TimeUnit.NANOSECONDS);
            assertThat(m == null ? null : hex(m)).as("unexpected message to peer %d", p.id).isNull();
        }
    }

    /** Whether the server has closed this connection (close frame received or error). */
    boolean closed() {
        return ws.closeCode.isDone();
    }

    // ------------------------------------------------------------------ sending

    void send(byte[] message) throws Exception {
        ws.sendBinary(message);
    }

    void send(String hex) throws Exception {
        send(bytes(hex));
    }

    void send(Packet packet) throws Exception {
        send(codec.encode(packet));
    }

    /**
     * Waits until the server has processed everything this peer sent before: a relay addressed to
     * the peer itself comes back (Godot forwards it, the sender being in its own peer list) once
     * the server got there. Only an admitted peer's relay is forwarded, so it also proves admission.
     * Needed wherever a test depends on the order of packets sent on two connections.
     */
    void barrier() throws Exception {
        send("07 03" + le(id) + "03 00");
        expect("07 03" + le(id) + "03 00");
    }

    /** {@code send_message(text, sentUsec, seq)} on Main/Chat by full path (no cache needed). */
    void sendChat(String text, long sentUsec, long seq) throws Exception {
        send(Rpc.of(NodeRef.path(CHAT), SEND_MESSAGE, List.of(text, sentUsec, seq)));
    }

    // ------------------------------------------------------------------ bytes

    static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    static byte[] bytes(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    /** {@code v} as 4 little-endian bytes in hex, e.g. {@code 0x01020304} as "04030201". */
    static String le(int v) {
        return hex(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
    }

    @Override
    public void close() {
        ws.close();
    }
}
