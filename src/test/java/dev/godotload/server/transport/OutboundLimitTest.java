package dev.godotload.server.transport;

import static dev.godotload.server.transport.RecordingListener.Kind.CONNECTED;
import static dev.godotload.server.transport.RecordingListener.Kind.DISCONNECTED;
import static dev.godotload.server.transport.RecordingListener.Kind.PACKET;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.godotload.testing.Await;
import dev.godotload.testing.RawClient;
import dev.godotload.testing.WsClient;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Godot's outbound_buffer_size: a peer that does not read loses packets, nobody else does. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutboundLimitTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int PACKET_BYTES = 60 * 1024;
    /** Far more than loopback socket buffers hold: 120 MB. */
    private static final int MAX_PACKETS = 2000;

    private final RecordingListener listener = new RecordingListener();
    private WebSocketTransport transport;

    @BeforeEach
    void start() {
        transport = WebSocketTransport.start(TransportOptions.defaults().withPort(0), listener);
    }

    @AfterEach
    void stop() {
        transport.close();
        assertThat(listener.violations).isEmpty();
    }

    @Test
    void aPeerThatDoesNotReadLosesPacketsAndOthersAreStillServed() throws Exception {
        List<ByteBuf> buffers = new ArrayList<>();
        List<Boolean> results = new ArrayList<>();
        try (RawClient stalled = RawClient.connect(transport, 4096)) {
            stalled.upgrade();
            Connection peer = listener.next(CONNECTED, WAIT).peer();

            // Until sends stay refused: the socket buffers fill, then the 64 KiB queue, and nothing
            // drains while the client does not read. A refusal while the queue still drains (sends
            // outpacing the I/O thread) is followed by an accepted packet, hence the pause after one.
            int refusedInARow = 0;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (results.size() < MAX_PACKETS && refusedInARow < 20 && System.nanoTime() < deadline) {
                ByteBuf buf = Unpooled.buffer(PACKET_BYTES).writerIndex(PACKET_BYTES);
                buffers.add(buf);
                boolean sent = transport.gameLoop().submit(() -> peer.send(buf)).get(5, TimeUnit.SECONDS);
                results.add(sent);
                refusedInARow = sent ? 0 : refusedInARow + 1;
                if (!sent) {
                    assertThat(buf.refCnt()).isZero();
                    Thread.sleep(10);
                }
            }

            assertThat(refusedInARow).isEqualTo(20);
            assertThat(results).contains(true);
            long refused = results.stream().filter(sent -> !sent).count();
            assertThat(transport.stats().droppedOutbound()).isEqualTo(refused);
            // what Main/Stats reports as queued_out_*: the stalled peer's queue is (nearly) full
            TransportStats full = transport.stats();
            assertThat(full.queuedOutMaxBytes()).isGreaterThan(TransportOptions.defaults().outboundBufferBytes() - PACKET_BYTES);
            assertThat(full.queuedOutBytes()).isEqualTo(full.queuedOutMaxBytes());

            // Another client is served meanwhile, both ways.
            try (WsClient other = WsClient.connectWithId(transport)) {
                Connection otherPeer = listener.next(CONNECTED, WAIT).peer();
                other.sendBinary(new byte[] {1, 2});
                assertThat(listener.next(PACKET, WAIT).packet()).containsExactly(1, 2);
                transport.gameLoop().execute(() -> otherPeer.send(Unpooled.wrappedBuffer(new byte[] {3})));
                assertThat(other.next()).containsExactly(3);
            }
        }
        // The stalled connection is gone: whatever was queued for it is released too.
        listener.next(DISCONNECTED, WAIT);
        Await.until("every buffer released", () -> buffers.stream().allMatch(buf -> buf.refCnt() == 0), WAIT);
        // the first disconnect heard may be the other client's: the stalled one goes by the time its buffers are released
        Await.until("nothing queued for peers that left", () -> transport.stats().queuedOutBytes() == 0, WAIT);
    }

    @Test
    void aPacketLargerThanTheBufferIsAlwaysDropped() throws Exception {
        try (WsClient client = WsClient.connectWithId(transport)) {
            Connection peer = listener.next(CONNECTED, WAIT).peer();
            ByteBuf huge = Unpooled.buffer(65536).writerIndex(65536);
            ByteBuf fits = Unpooled.buffer(65535).writerIndex(65535);

            boolean hugeSent = transport.gameLoop().submit(() -> peer.send(huge)).get(5, TimeUnit.SECONDS);
            boolean fitsSent = transport.gameLoop().submit(() -> peer.send(fits)).get(5, TimeUnit.SECONDS);

            assertThat(hugeSent).isFalse();
            assertThat(huge.refCnt()).isZero();
            assertThat(fitsSent).isTrue();
            assertThat(client.next()).hasSize(65535);
            assertThat(transport.stats().droppedOutbound()).isEqualTo(1);
        }
    }
}
