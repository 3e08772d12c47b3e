package dev.godotload.server.transport;

import static dev.godotload.server.transport.RecordingListener.Kind.CONNECTED;
import static dev.godotload.server.transport.RecordingListener.Kind.DISCONNECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

import dev.godotload.testing.Await;
import dev.godotload.testing.RawClient;
import dev.godotload.testing.WsClient;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/** Start, stop, and what is logged in between. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TransportLifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aPortInUseFailsWithOneClearLineAndLeavesNoThreads() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> WebSocketTransport.start(TransportOptions.defaults().withPort(port),
                    new RecordingListener()))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("cannot listen on 127.0.0.1:" + port + ": Address already in use");
        }
        Await.until("transport threads gone", () -> transportThreads().isEmpty(), WAIT);
    }

    @Test
    void anUnknownHostFailsWithOneClearLine() {
        assertThatThrownBy(() -> WebSocketTransport.start(
                TransportOptions.defaults().withHost("no-such-host.invalid").withPort(0), new RecordingListener()))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessage("cannot listen on no-such-host.invalid:0: unknown host");
    }

    @Test
    void portZeroBindsAnEphemeralPort() {
        try (WebSocketTransport transport = WebSocketTransport.start(TransportOptions.defaults().withPort(0),
                new RecordingListener())) {
            assertThat(transport.port()).isPositive();
            assertThat(transport.address()).isEqualTo(new InetSocketAddress("127.0.0.1", transport.port()));
        }
    }

    @Test
    void closeEndsEveryPeerAndThreadWithinFiveSeconds() throws Exception {
        RecordingListener listener = new RecordingListener();
        WebSocketTransport transport = WebSocketTransport.start(TransportOptions.defaults().withPort(0), listener);
        int port = transport.port();
        WsClient polite = WsClient.connectWithId(transport);
        RawClient mute = RawClient.connect(transport);
        mute.upgrade();
        RawClient handshaking = RawClient.connect(transport);
        listener.next(CONNECTED, WAIT);
        listener.next(CONNECTED, WAIT);

        long start = System.nanoTime();
        transport.close();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(millis).isLessThan(5000);
        assertThat(polite.awaitClose()).isEqualTo(1000);
        assertThat(mute.readFrame().closeCode()).isEqualTo(1000);
        assertThat(mute.millisUntilClosed()).isLessThan(WAIT.toMillis());
        assertThat(handshaking.millisUntilClosed()).isLessThan(WAIT.toMillis());
        assertThat(listener.kinds()).containsExactly(CONNECTED, CONNECTED, DISCONNECTED, DISCONNECTED);
        assertThat(transport.gameLoop().isTerminated()).isTrue();
        assertThat(transport.stats().peers()).isZero();
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
        Await.until("transport threads gone", () -> transportThreads().isEmpty(), WAIT);
        assertThat(listener.violations).isEmpty();

        transport.close(); // idempotent
        polite.close();
        mute.close();
        handshaking.close();
    }

    @Test
    void connectAndDisconnectAreOneInfoLineEach() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(WebSocketTransport.class);
        Level level = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
        RecordingListener listener = new RecordingListener();
        try (WebSocketTransport transport = WebSocketTransport.start(TransportOptions.defaults().withPort(0),
                listener)) {
            WsClient client = WsClient.connectWithId(transport);
            String address = listener.next(CONNECTED, WAIT).peer().remoteAddress();
            client.closeNormally();
            listener.next(DISCONNECTED, WAIT);

            List<String> lines = appender.list.stream()
                    .filter(event -> event.getLevel() == Level.INFO)
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
            assertThat(lines).containsExactly(
                    "listening on ws://127.0.0.1:" + transport.port(),
                    "peer " + client.id + " connected from " + address + " (1 peer)",
                    "peer " + client.id + " disconnected (0 peers): closed by client 1000 bye");
            assertThat(appender.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
            client.close();
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
    }

    private static List<String> transportThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName)
                .filter(name -> name.startsWith("godot-ws-") || name.startsWith("godot-game"))
                .toList();
    }
}
