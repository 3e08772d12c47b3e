package dev.godotload.server.transport;

import static dev.godotload.server.transport.RecordingListener.Kind.CONNECTED;
import static dev.godotload.server.transport.RecordingListener.Kind.DISCONNECTED;
import static dev.godotload.server.transport.RecordingListener.Kind.PACKET;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import dev.godotload.testing.Await;
import dev.godotload.testing.RawClient;
import dev.godotload.testing.WsClient;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Garbage from one client costs that client its connection, nobody else anything. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BadInputTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final int ROUNDS = 20;

    @Test
    void randomBytesBeforeAndAfterTheUpgradeNeverHurtOtherPeers() throws Exception {
        Random random = new Random(20261121L);
        RecordingListener listener = new RecordingListener();
        Logger netty = (Logger) LoggerFactory.getLogger("io.netty");
        ListAppender<ILoggingEvent> nettyLog = new ListAppender<>();
        nettyLog.start();
        netty.addAppender(nettyLog);
        // Short handshake timeout: garbage that never completes a request must not slow the test.
        TransportOptions options = TransportOptions.defaults().withPort(0)
                .withHandshakeTimeout(Duration.ofMillis(300));
        try (WebSocketTransport transport = WebSocketTransport.start(options, listener);
             WsClient bystander = WsClient.connectWithId(transport)) {
            listener.next(CONNECTED, WAIT);
            for (int round = 0; round < ROUNDS; round++) {
                byte[] garbage = new byte[1 + random.nextInt(300)];
                random.nextBytes(garbage);
                boolean upgradeFirst = round % 2 == 0;
                // Write and hang up at once: the server copes with the garbage and the abrupt end.
                try (RawClient attacker = RawClient.connect(transport)) {
                    if (upgradeFirst) {
                        attacker.upgrade();
                    }
                    attacker.write(garbage);
                } catch (IOException resetWhileWriting) {
                    // the server may already have closed it
                }

                bystander.sendBinary(new byte[] {(byte) round});
                RecordingListener.Event echo = listener.next(PACKET, WAIT);
                while (echo.peer().id() != bystander.id) {
                    echo = listener.next(PACKET, WAIT);
                }
                assertThat(echo.packet()).containsExactly((byte) round);
            }
            Await.until("only the bystander left", () -> transport.stats().peers() == 1, WAIT);
        } finally {
            netty.detachAppender(nettyLog);
        }
        assertThat(listener.violations).isEmpty();
        assertThat(listener.kinds().stream().filter(kind -> kind == DISCONNECTED).count())
                .isEqualTo(listener.kinds().stream().filter(kind -> kind == CONNECTED).count());
        // Nothing reached the end of a pipeline unhandled (Netty would log it with a stack trace).
        assertThat(nettyLog.list).noneMatch(event -> event.getFormattedMessage().contains("reached at the tail"));
    }
}
