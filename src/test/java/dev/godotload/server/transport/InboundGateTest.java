package dev.godotload.server.transport;

import static dev.godotload.server.transport.RecordingListener.Kind.CONNECTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.godotload.testing.Await;
import dev.godotload.testing.RawClient;

/** A flood meets a busy game loop: the socket stops being read, then resumes; nothing is lost. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class InboundGateTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int PACKETS = 3 * InboundGate.MAX_QUEUED_PACKETS;

    @Test
    void aFloodPausesReadingUntilTheGameLoopCatchesUp() throws Exception {
        RecordingListener listener = new RecordingListener();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(PACKETS);
        listener.onPacket = (peer, packet) -> {
            if (seen.isEmpty()) {
                blocked.countDown();
                awaitQuietly(release);
            }
            seen.add((packet[0] & 0xff) << 8 | (packet[1] & 0xff));
            all.countDown();
        };
        try (WebSocketTransport transport = WebSocketTransport.start(TransportOptions.defaults().withPort(0),
                listener);
             RawClient client = RawClient.connect(transport)) {
            client.upgrade();
            WebSocketConnection peer = (WebSocketConnection) listener.next(CONNECTED, WAIT).peer();

            // Small frames: the socket buffers take them all, so only the gate can stop reading.
            byte[] frames = new byte[PACKETS * 8];
            for (int i = 0; i < PACKETS; i++) {
                int at = i * 8;
                frames[at] = (byte) 0x82;
                frames[at + 1] = (byte) 0x82; // masked, 2 bytes; mask key 0 keeps the payload as is
                frames[at + 6] = (byte) (i >>> 8);
                frames[at + 7] = (byte) i;
            }
            client.write(frames);

            assertThat(blocked.await(5, TimeUnit.SECONDS)).isTrue();
            Await.until("reading paused", () -> peer.inbound().paused(), WAIT);
            assertThat(peer.channel().config().isAutoRead()).isFalse();
            release.countDown();

            assertThat(all.await(5, TimeUnit.SECONDS)).as("all packets delivered").isTrue();
            assertThat(seen).hasSize(PACKETS).isSorted();
            Await.until("reading resumed", () -> !peer.inbound().paused(), WAIT);
            assertThat(peer.channel().config().isAutoRead()).isTrue();
        }
        assertThat(listener.violations).isEmpty();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
