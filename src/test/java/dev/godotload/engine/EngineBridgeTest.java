package dev.godotload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.godotload.server.transport.TransportOptions;

/** The bridge with a stand-in engine and plain WebSocket clients. */
class EngineBridgeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final EngineBridge bridge = EngineBridge.open();

    @AfterEach
    void close() {
        bridge.close();
    }

    /** Collects whole binary messages; every wait is bounded. */
    private static final class Socket implements WebSocket.Listener {
        final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final java.io.ByteArrayOutputStream parts = new java.io.ByteArrayOutputStream();
        WebSocket ws;

        static Socket connect(String url) throws Exception {
            Socket s = new Socket();
            s.ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(URI.create(url), s)
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
            return s;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            parts.writeBytes(b);
            if (last) {
                messages.add(parts.toByteArray());
                parts.reset();
            }
            w.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
            closed.complete(code);
            return null;
        }

        byte[] next() throws InterruptedException {
            byte[] m = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(m).as("a message within %s", WAIT).isNotNull();
            return m;
        }

        void send(byte[] b) throws Exception {
            ws.sendBinary(ByteBuffer.wrap(b), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private static byte[] msg(int kind, int peer, byte... payload) {
        ByteBuffer b = ByteBuffer.allocate(5 + payload.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) kind).putInt(peer).put(payload);
        return b.array();
    }

    private static int le(byte[] b, int at) {
        return ByteBuffer.wrap(b, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    @Test
    void packetsTravelBetweenClientsAndTheEngineTaggedWithTheClientsId() throws Exception {
        Socket engine = Socket.connect(bridge.engineUrl());
        engine.send(msg(BridgeMessage.READY, 0, "test server".getBytes(StandardCharsets.UTF_8)));
        assertThat(bridge.awaitReady(WAIT)).isEqualTo("test server");
        String url = bridge.startClients(TransportOptions.defaults().withPort(0));

        Socket a = Socket.connect(url);
        int idA = le(a.next(), 0);
        assertThat(engine.next()).isEqualTo(msg(BridgeMessage.PEER_CONNECTED, idA));
        Socket b = Socket.connect(url);
        int idB = le(b.next(), 0);
        assertThat(engine.next()).isEqualTo(msg(BridgeMessage.PEER_CONNECTED, idB));

        a.send(new byte[] {0x00, 0x01, 0x02});
        assertThat(engine.next()).isEqualTo(msg(BridgeMessage.PACKET, idA, (byte) 0x00, (byte) 0x01, (byte) 0x02));

        engine.send(msg(BridgeMessage.PACKET, 0, (byte) 9));
        assertThat(a.next()).containsExactly(9);
        assertThat(b.next()).containsExactly(9);
        engine.send(msg(BridgeMessage.PACKET, -idA, (byte) 8));
        engine.send(msg(BridgeMessage.PACKET, idA, (byte) 7));
        assertThat(b.next()).containsExactly(8);
        assertThat(a.next()).containsExactly(7);

        engine.send(msg(BridgeMessage.DISCONNECT, idA));
        assertThat(a.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(engine.next()).isEqualTo(msg(BridgeMessage.PEER_DISCONNECTED, idA));
        assertThat(a.messages).isEmpty();
        assertThat(b.messages).isEmpty();
    }

    @Test
    void aTapHearsEveryMessageEachClientSendsAndGetsItsIdFirst() throws Exception {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        bridge.tap(new EngineBridge.ClientTap() {
            @Override
            public void fromClient(int peer, byte[] message) {
                heard.add(peer + " c2s " + HexFormat.of().formatHex(message));
            }

            @Override
            public void toClient(int peer, byte[] message) {
                heard.add(peer + " s2c " + HexFormat.of().formatHex(message));
            }
        });
        Socket engine = Socket.connect(bridge.engineUrl());
        engine.send(msg(BridgeMessage.READY, 0));
        bridge.awaitReady(WAIT);
        String url = bridge.startClients(TransportOptions.defaults().withPort(0));
        Socket a = Socket.connect(url);
        byte[] idMessage = a.next();
        int idA = le(idMessage, 0);
        engine.next();
        Socket b = Socket.connect(url);
        int idB = le(b.next(), 0);
        engine.next();
        assertThat(next(heard)).isEqualTo(idA + " s2c " + HexFormat.of().formatHex(idMessage));
        assertThat(next(heard)).startsWith(idB + " s2c ");

        a.send(new byte[] {0x01, 0x02});
        engine.next();
        assertThat(next(heard)).isEqualTo(idA + " c2s 0102");
        engine.send(msg(BridgeMessage.PACKET, idB, (byte) 7));
        b.next();
        assertThat(next(heard)).isEqualTo(idB + " s2c 07");
        engine.send(msg(BridgeMessage.PACKET, -idB, (byte) 8));
        a.next();
        assertThat(next(heard)).isEqualTo(idA + " s2c 08");
        engine.send(msg(BridgeMessage.PACKET, 0, (byte) 9));
        a.next();
        b.next();
        assertThat(List.of(next(heard), next(heard))).containsExactlyInAnyOrder(idA + " s2c 09", idB + " s2c 09");

        bridge.tap(null);
        a.send(new byte[] {0x03});
        engine.next();
        assertThat(heard.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    private static String next(BlockingQueue<String> heard) throws InterruptedException {
        String s = heard.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(s).as("something heard within %s", WAIT).isNotNull();
        return s;
    }

    @Test
    void anEngineThatNeverSaysReadyIsOneLine() {
        assertThatThrownBy(() -> bridge.awaitReady(Duration.ofMillis(200))).isInstanceOf(EngineUnavailableException.class)
                .hasMessage("the Godot engine did not connect to the bridge (" + bridge.engineUrl()
                        + ") and say READY within 200 ms");
    }

    @Test
    void whenTheEngineGoesItsClientsAreClosed() throws Exception {
        Socket engine = Socket.connect(bridge.engineUrl());
        engine.send(msg(BridgeMessage.READY, 0));
        bridge.awaitReady(WAIT);
        Socket a = Socket.connect(bridge.startClients(TransportOptions.defaults().withPort(0)));
        a.next();
        engine.next();
        engine.ws.sendClose(1000, "").get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(a.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(bridge.engineConnected()).isFalse();
    }
}
