package dev.godotload.server.transport;

import static dev.godotload.server.transport.RecordingListener.Kind.CONNECTED;
import static dev.godotload.server.transport.RecordingListener.Kind.DISCONNECTED;
import static dev.godotload.server.transport.RecordingListener.Kind.PACKET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.godotload.testing.Await;
import dev.godotload.testing.LogCapture;
import dev.godotload.testing.RawClient;
import dev.godotload.testing.WsClient;

import ch.qos.logback.classic.Level;

/** {@code --max-peers} and {@code --max-msgs-per-sec} on a real transport over loopback. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final LogCapture log = new LogCapture();
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stop() {
        log.close();
    }

    private static WebSocketTransport start(RecordingListener listener, TransportOptions options, ConnectionLimits limits) {
        return WebSocketTransport.start(options.withPort(0).withLimits(limits), listener);
    }

    /** The next packet the listener got from {@code client}, skipping other peers'. */
    private byte[] nextFrom(WsClient client) throws InterruptedException {
        RecordingListener.Event e = listener.next(PACKET, WAIT);
        while (e.peer().id() != client.id) {
            e = listener.next(PACKET, WAIT);
        }
        return e.packet();
    }

    @Test
    void theUpgradeAfterMaxPeersIsRefusedWith503UntilAPlaceIsFree() throws Exception {
        try (WebSocketTransport t = start(listener, TransportOptions.defaults(), new ConnectionLimits(2, 0));
             WsClient a = WsClient.connectWithId(t);
             WsClient b = WsClient.connectWithId(t);
             RawClient third = RawClient.connect(t)) {
            third.write(RawClient.request("/", ""));
            String head = third.readHead();
            assertThat(head).startsWith("HTTP/1.1 503 Service Unavailable\r\n").contains("Connection: close\r\n");
            byte[] body = third.socket.getInputStream().readAllBytes();
            assertThat(new String(body, StandardCharsets.UTF_8)).isEqualTo("2 peers connected, max peers 2\n");
            assertThat(log.lines(Level.WARN)).singleElement().asString()
                    .matches("WARN handshake from 127\\.0\\.0\\.1:\\d+ refused: 2 peers connected, max peers 2");
            assertThat(t.stats().peers()).isEqualTo(2);

            a.sendBinary(new byte[] {7});
            assertThat(nextFrom(a)).containsExactly(7);

            b.closeNormally();
            Await.until("b's place freed", () -> t.stats().peers() == 1, WAIT);
            try (WsClient c = WsClient.connectWithId(t)) {
                c.sendBinary(new byte[] {8});
                assertThat(nextFrom(c)).containsExactly(8);
            }
        }
    }

    @Test
    void aGodot3ServerClosesTheRefusedConnectionWithoutAReply() throws Exception {
        TransportOptions godot3 = TransportOptions.defaults().withDialect(TransportDialect.GODOT_3);
        try (WebSocketTransport t = start(listener, godot3, new ConnectionLimits(1, 0));
             RawClient first = RawClient.connect(t);
             RawClient second = RawClient.connect(t)) {
            first.write(RawClient.request("/", ""));
            assertThat(first.readHead()).startsWith("HTTP/1.1 101 ");
            listener.next(CONNECTED, WAIT);
            second.write(RawClient.request("/", ""));
            assertThatThrownBy(second::readHead).isInstanceOfAny(EOFException.class, SocketException.class);
            assertThat(log.lines(Level.WARN)).singleElement().asString().matches(
                    "WARN handshake from 127\\.0\\.0\\.1:\\d+ refused, connection closed without a reply: "
                            + "1 peers connected, max peers 1");
        }
    }

    @Test
    void aPeerOverTheMessageRateIsClosedWith1008AndOthersCarryOn() throws Exception {
        try (WebSocketTransport t = start(listener, TransportOptions.defaults(), new ConnectionLimits(0, 20));
             WsClient bystander = WsClient.connectWithId(t);
             RawClient flooder = RawClient.connect(t)) {
            int flooderId = flooder.upgrade();
            for (int i = 0; i < 100; i++) {
                try {
                    flooder.sendBinary(new byte[] {(byte) i});
                } catch (IOException closedMeanwhile) {
                    break;
                }
            }
            RawClient.Frame close = flooder.readFrame();
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1008);
            assertThat(new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("message rate over 20/s");

            Await.until("the flooder gone", () -> t.stats().peers() == 1, WAIT);
            long delivered = listener.of(flooderId).stream().filter(e -> e.kind() == PACKET).count();
            // The burst, and what the bucket refilled while the flood arrived (more on a busy machine).
            assertThat(delivered).as("the burst passed, and not the flood").isBetween(20L, 40L);
            assertThat(log.lines(Level.INFO)).anyMatch(line -> line.matches(
                    "WARN peer " + flooderId + " \\(127\\.0\\.0\\.1:\\d+\\) sent more than 20 messages a second "
                            + "\\(burst 20\\); disconnected with 1008"));
            assertThat(log.lines(Level.INFO)).anyMatch(line -> line.matches(
                    "INFO peer " + flooderId + " disconnected \\(1 peer\\): message rate over 20/s, closed with 1008"));

            bystander.sendBinary(new byte[] {42});
            assertThat(nextFrom(bystander)).containsExactly(42);
            assertThat(listener.kinds()).contains(DISCONNECTED);
        }
    }

    @Test
    void aPeerWithinTheRateKeepsItsConnectionBeyondTheBurst() throws Exception {
        try (WebSocketTransport t = start(listener, TransportOptions.defaults(), new ConnectionLimits(0, 20));
             WsClient steady = WsClient.connectWithId(t)) {
            // 36 messages over 1.2 s: over the 20 of the burst, under the 20 + 1.2 x 20 the refill allows.
            long start = System.nanoTime();
            for (int i = 0; i < 36; i++) {
                long due = start + TimeUnit.MILLISECONDS.toNanos(34L * i);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(wait) + 1);
                }
                steady.sendBinary(new byte[] {(byte) i});
            }
            for (int i = 0; i < 36; i++) {
                assertThat(nextFrom(steady)).containsExactly((byte) i);
            }
            assertThat(steady.closeCode).isNotDone();
            assertThat(log.lines(Level.WARN)).isEmpty();
        }
    }
}
