package dev.godotload.server.transport;

import static dev.godotload.server.transport.RecordingListener.Kind.CONNECTED;
import static dev.godotload.server.transport.RecordingListener.Kind.DISCONNECTED;
import static dev.godotload.server.transport.RecordingListener.Kind.PACKET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.godotload.testing.Await;
import dev.godotload.testing.WsClient;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** The transport as a Godot client sees it, through the JDK's WebSocket client. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class WebSocketTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final RecordingListener listener = new RecordingListener();
    private final List<WsClient> clients = new ArrayList<>();
    private WebSocketTransport transport;
    private Thread gameThread;

    @BeforeEach
    void start() throws Exception {
        transport = WebSocketTransport.start(TransportOptions.defaults().withPort(0), listener);
        gameThread = transport.gameLoop().submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        clients.forEach(WsClient::close);
        transport.close();
        assertThat(listener.violations).isEmpty();
    }

    private WsClient connect() throws Exception {
        WsClient client = WsClient.connectWithId(transport);
        clients.add(client);
        return client;
    }

    @Test
    void firstMessageIsTheIdAsFourLittleEndianBytes() throws Exception {
        WsClient client = WsClient.connect(transport);
        clients.add(client);

        byte[] first = client.next();
        Connection peer = listener.next(CONNECTED, WAIT).peer();

        assertThat(first).hasSize(4);
        int id = (first[0] & 0xff) | (first[1] & 0xff) << 8 | (first[2] & 0xff) << 16 | (first[3] & 0xff) << 24;
        assertThat(id).isEqualTo(peer.id()).isGreaterThanOrEqualTo(2);
        assertThat(peer.remoteAddress()).matches("127\\.0\\.0\\.1:\\d+");
    }

    @Test
    void idsAreUniqueAcrossClients() throws Exception {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 8; i++) {
            ids.add(connect().id);
        }
        for (int i = 0; i < 8; i++) {
            listener.next(CONNECTED, WAIT);
        }

        assertThat(ids).hasSize(8).allSatisfy(id -> assertThat(id).isGreaterThanOrEqualTo(2));
        assertThat(transport.stats().peers()).isEqualTo(8);
    }

    @Test
    void eventsArriveInOrderOnTheGameLoop() throws Exception {
        WsClient client = connect();
        client.sendBinary(new byte[] {1});
        client.sendBinary(new byte[] {2, 2});
        client.sendBinary(new byte[] {3, 3, 3});
        client.closeNormally();
        listener.next(DISCONNECTED, WAIT);

        List<RecordingListener.Event> events = listener.of(client.id);
        assertThat(events).extracting(RecordingListener.Event::kind)
                .containsExactly(CONNECTED, PACKET, PACKET, PACKET, DISCONNECTED);
        assertThat(events.get(1).packet()).containsExactly(1);
        assertThat(events.get(2).packet()).containsExactly(2, 2);
        assertThat(events.get(3).packet()).containsExactly(3, 3, 3);
        assertThat(events).extracting(RecordingListener.Event::thread).containsOnly(gameThread);
        assertThat(client.awaitClose()).isEqualTo(1000);
    }

    @Test
    void binaryTextAndFragmentedMessagesAreAllPackets() throws Exception {
        WsClient client = connect();

        client.sendText("héllo");
        client.sendFragment(new byte[] {1, 2}, false);
        client.sendFragment(new byte[] {3}, true);

        listener.next(CONNECTED, WAIT);
        assertThat(listener.next(PACKET, WAIT).packet()).isEqualTo("héllo".getBytes(StandardCharsets.UTF_8));
        assertThat(listener.next(PACKET, WAIT).packet()).containsExactly(1, 2, 3);
    }

    @Test
    void aMessageOfExactlyTheLimitIsDelivered() throws Exception {
        WsClient client = connect();
        byte[] big = new byte[65535];
        Arrays.fill(big, (byte) 7);

        client.sendBinary(big);

        assertThat(listener.next(PACKET, WAIT).packet()).isEqualTo(big);
        assertThat(transport.stats().bytesIn()).isEqualTo(65535);
    }

    @Test
    void oneByteOverTheLimitClosesWith1009() throws Exception {
        WsClient client = connect();

        client.sendBinary(new byte[65536]);

        assertThat(client.awaitClose()).isEqualTo(1009);
        listener.next(DISCONNECTED, WAIT);
        assertThat(listener.kinds()).doesNotContain(PACKET);
    }

    @Test
    void aFragmentedMessageOverTheLimitClosesWith1009() throws Exception {
        WsClient client = connect();

        client.sendFragment(new byte[40000], false);
        client.sendFragment(new byte[25536], true);

        assertThat(client.awaitClose()).isEqualTo(1009);
        listener.next(DISCONNECTED, WAIT);
        assertThat(listener.kinds()).doesNotContain(PACKET);
    }

    @Test
    void pingsAreAnswered() throws Exception {
        WsClient client = connect();

        client.ping(new byte[] {4, 2});

        assertThat(client.pongs.poll(5, TimeUnit.SECONDS)).containsExactly(4, 2);
    }

    @Test
    void packetsSentOnConnectFollowTheId() throws Exception {
        listener.onConnected = peer -> {
            peer.send(Unpooled.wrappedBuffer(new byte[] {7, 1, 0, 0, 0, 0}));
            peer.send(Unpooled.wrappedBuffer(new byte[] {9}));
        };
        WsClient client = connect();

        assertThat(client.next()).containsExactly(7, 1, 0, 0, 0, 0);
        assertThat(client.next()).containsExactly(9);
    }

    @Test
    void sendWritesOneBinaryMessageAndReleasesTheBuffer() throws Exception {
        WsClient client = connect();
        Connection peer = listener.next(CONNECTED, WAIT).peer();
        ByteBuf small = Unpooled.buffer().writeBytes(new byte[] {1, 2, 3});
        ByteBuf large = Unpooled.buffer().writeBytes(new byte[5000]);
        ByteBuf shared = Unpooled.buffer().writeBytes(new byte[] {5});

        boolean sent = transport.gameLoop().submit(() -> peer.send(small) & peer.send(large)
                & peer.send(shared.retainedDuplicate()) & peer.send(shared.retainedDuplicate()))
                .get(5, TimeUnit.SECONDS);
        shared.release();

        assertThat(sent).isTrue();
        assertThat(client.next()).containsExactly(1, 2, 3);
        assertThat(client.next()).hasSize(5000);
        assertThat(client.next()).containsExactly(5);
        assertThat(client.next()).containsExactly(5);
        Await.until("buffers released", () -> small.refCnt() == 0 && large.refCnt() == 0 && shared.refCnt() == 0,
                WAIT);
        Await.until("packets counted", () -> transport.stats().packetsOut() == 4, WAIT);
        assertThat(transport.stats().bytesOut()).isEqualTo(3 + 5000 + 1 + 1);
    }

    @Test
    void sendAfterDisconnectReleasesAndReturnsFalse() throws Exception {
        WsClient client = connect();
        Connection peer = listener.next(CONNECTED, WAIT).peer();
        client.closeNormally();
        listener.next(DISCONNECTED, WAIT);
        ByteBuf buf = Unpooled.buffer().writeBytes(new byte[] {1});

        boolean sent = transport.gameLoop().submit(() -> peer.send(buf)).get(5, TimeUnit.SECONDS);

        assertThat(sent).isFalse();
        assertThat(buf.refCnt()).isZero();
        assertThat(transport.stats().droppedOutbound()).isZero();
    }

    @Test
    void serverCloseSends1000AndReportsTheDisconnect() throws Exception {
        WsClient client = connect();
        Connection peer = listener.next(CONNECTED, WAIT).peer();

        transport.gameLoop().execute(peer::close);

        assertThat(client.awaitClose()).isEqualTo(1000);
        assertThat(listener.next(DISCONNECTED, WAIT).peer()).isSameAs(peer);
        assertThat(transport.stats().peers()).isZero();
    }

    @Test
    void aFailingListenerDoesNotStopTheLoop() throws Exception {
        listener.onPacket = (peer, packet) -> {
            if (packet[0] == 0) {
                throw new IllegalStateException("listener bug");
            }
        };
        WsClient client = connect();

        client.sendBinary(new byte[] {0});
        client.sendBinary(new byte[] {1});

        listener.next(CONNECTED, WAIT);
        assertThat(listener.next(PACKET, WAIT).packet()).containsExactly(0);
        assertThat(listener.next(PACKET, WAIT).packet()).containsExactly(1);
    }

    @Test
    void statsCountPackets() throws Exception {
        WsClient client = connect();
        client.sendBinary(new byte[10]);
        client.sendBinary(new byte[20]);
        listener.next(CONNECTED, WAIT);
        listener.next(PACKET, WAIT);
        listener.next(PACKET, WAIT);

        TransportStats stats = transport.stats();

        assertThat(List.of(stats.peers(), stats.packetsIn(), stats.packetsOut(), stats.bytesIn(), stats.bytesOut(),
                stats.droppedOutbound(), stats.queuedOutBytes(), stats.queuedOutMaxBytes()))
                .containsExactly(1, 2L, 0L, 30L, 0L, 0L, 0L, 0L);
    }
}
