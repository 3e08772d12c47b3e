package dev.godotload.server.transport;

import static dev.godotload.server.transport.RecordingListener.Kind.CONNECTED;
import static dev.godotload.server.transport.RecordingListener.Kind.DISCONNECTED;
import static dev.godotload.server.transport.RecordingListener.Kind.PACKET;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.godotload.testing.RawClient;

/** The HTTP upgrade and frame rules on raw sockets, byte for byte. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HandshakeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    private final RecordingListener listener = new RecordingListener();
    private WebSocketTransport transport;

    private WebSocketTransport start(TransportOptions options) {
        transport = WebSocketTransport.start(options.withPort(0), listener);
        return transport;
    }

    private WebSocketTransport start() {
        return start(TransportOptions.defaults());
    }

    @AfterEach
    void stop() {
        if (transport != null) {
            transport.close();
        }
        assertThat(listener.violations).isEmpty();
    }

    @Test
    void responseHasExactlyGodotsHeadersEvenWhenDeflateIsOffered() throws Exception {
        start();
        try (RawClient client = RawClient.connect(transport)) {
            client.write(RawClient.request("/", "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                    + "Origin: http://example.com\r\n"));

            assertThat(client.readHead()).isEqualTo("HTTP/1.1 101 Switching Protocols\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n"
                    + "\r\n");
            RawClient.Frame first = client.readFrame();
            assertThat(first.b0()).isEqualTo(0x82);
            assertThat(first.payload()).hasSize(4);
            int id = ByteBuffer.wrap(first.payload()).order(ByteOrder.LITTLE_ENDIAN).getInt();
            assertThat(listener.next(CONNECTED, WAIT).peer().id()).isEqualTo(id);
        }
    }

    @Test
    void anyPathAndAnyConnectionValueAreAccepted() throws Exception {
        start();
        try (RawClient client = RawClient.connect(transport)) {
            client.write(RawClient.request("/some/where?room=1", "").replace("Connection: Upgrade",
                    "Connection: keep-alive"));

            assertThat(client.readHead()).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
            assertThat(listener.next(CONNECTED, WAIT)).isNotNull();
        }
    }

    @Test
    void offeredSubProtocolWithNoneConfiguredIsRefusedWith400() throws Exception {
        start();
        try (RawClient client = RawClient.connect(transport)) {
            client.write(RawClient.request("/", "Sec-WebSocket-Protocol: chat\r\n"));

            String head = client.readHead();

            assertThat(head).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Connection: close\r\n");
            assertThat(client.millisUntilClosed()).isLessThan(WAIT.toMillis());
        }
        assertNeverConnected();
    }

    @Test
    void configuredSubProtocolIsSelected() throws Exception {
        start(TransportOptions.defaults().withSubprotocols(List.of("godot", "other")));
        try (RawClient client = RawClient.connect(transport)) {
            client.write(RawClient.request("/", "Sec-WebSocket-Protocol: chat, other, godot\r\n"));

            assertThat(client.readHead()).isEqualTo("HTTP/1.1 101 Switching Protocols\r\n"
                    + "Upgrade: websocket\r\n"
                    + "Connection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + ACCEPT + "\r\n"
                    + "Sec-WebSocket-Protocol: other\r\n"
                    + "\r\n");
        }
    }

    @Test
    void configuredSubProtocolNotOfferedIsRefused() throws Exception {
        start(TransportOptions.defaults().withSubprotocols(List.of("godot")));
        try (RawClient client = RawClient.connect(transport)) {
            client.write(RawClient.request("/", ""));

            assertThat(client.readHead()).startsWith("HTTP/1.1 400 ");
        }
        assertNeverConnected();
    }

    @Test
    void badRequestsAreRefusedAndTheServerCarriesOn() throws Exception {
        start();
        List<String> bad = List.of(
                "HELLO\r\n\r\n",
                RawClient.request("/", "").replace("HTTP/1.1", "HTTP/1.0"),
                RawClient.request("/", "").replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"),
                RawClient.request("/", "X-Padding: " + "a".repeat(4096) + "\r\n"));
        for (String request : bad) {
            try (RawClient client = RawClient.connect(transport)) {
                client.write(request);
                assertThat(client.readHead()).as(request.lines().findFirst().orElse(""))
                        .startsWith("HTTP/1.1 400 Bad Request\r\n");
            }
        }

        try (RawClient good = RawClient.connect(transport)) {
            assertThat(good.upgrade()).isGreaterThanOrEqualTo(2);
        }
        assertThat(listener.next(CONNECTED, WAIT)).isNotNull();
    }

    @Test
    void theHeaderBlockMayHave4096BytesButNotOneMore() throws Exception {
        start();
        try (RawClient exact = RawClient.connect(transport); RawClient over = RawClient.connect(transport)) {
            exact.write(paddedRequest(4096));
            over.write(paddedRequest(4097));

            assertThat(exact.readHead()).startsWith("HTTP/1.1 101 ");
            assertThat(over.readHead()).startsWith("HTTP/1.1 400 ");
        }
    }

    /** A request whose header block, final blank line included, has {@code size} bytes. */
    private static String paddedRequest(int size) {
        int overhead = RawClient.request("/", "").length() + "X-Padding: \r\n".length();
        String request = RawClient.request("/", "X-Padding: " + "a".repeat(size - overhead) + "\r\n");
        assertThat(request.length()).isEqualTo(size);
        return request;
    }

    @Test
    void silentAndHalfFinishedHandshakesAreDroppedAfterTheTimeout() throws Exception {
        start();
        try (RawClient silent = RawClient.connect(transport); RawClient half = RawClient.connect(transport)) {
            half.write(RawClient.request("/", "").substring(0, 40));
            long start = System.nanoTime();

            long silentMillis = silent.millisUntilClosed();
            long halfMillis = (System.nanoTime() - start) / 1_000_000 + half.millisUntilClosed();

            // Godot's 3 s, counted from accept; "closed" means EOF, nothing written.
            assertThat(silentMillis).isBetween(2500L, 4500L);
            assertThat(halfMillis).isBetween(2500L, 4500L);
        }
        assertNeverConnected();
    }

    @Test
    void framesSentRightAfterTheRequestAreNotLost() throws Exception {
        start();
        try (RawClient client = RawClient.connect(transport)) {
            // Request and first frame in one write: the handshake must hand the rest to the frame decoder.
            byte[] request = RawClient.request("/", "").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            client.write(request);
            client.sendBinary(new byte[] {42});

            assertThat(client.readHead()).startsWith("HTTP/1.1 101 ");
            assertThat(listener.next(PACKET, WAIT).packet()).containsExactly(42);
        }
    }

    @Test
    void rsvBitsAreAProtocolError() throws Exception {
        assertClosedWith1002(0xC2, true);
    }

    @Test
    void unmaskedClientFramesAreAProtocolError() throws Exception {
        assertClosedWith1002(0x82, false);
    }

    private void assertClosedWith1002(int b0, boolean masked) throws Exception {
        start();
        try (RawClient client = RawClient.connect(transport)) {
            client.upgrade();
            client.writeFrame(b0, new byte[] {1, 2, 3}, masked);

            RawClient.Frame close = client.readFrame();

            assertThat(close.opcode()).isEqualTo(0x8);
            assertThat(close.closeCode()).isEqualTo(1002);
            assertThat(client.millisUntilClosed()).isLessThan(WAIT.toMillis());
        }
        listener.next(DISCONNECTED, WAIT);
        assertThat(listener.kinds()).containsExactly(CONNECTED, DISCONNECTED);
    }

    @Test
    void aTooBigFrameGets1009AndTheConnectionEndsCleanly() throws Exception {
        start();
        try (RawClient client = RawClient.connect(transport)) {
            client.upgrade();
            client.sendBinary(new byte[65536]);

            RawClient.Frame close = client.readFrame();
            assertThat(close.opcode()).isEqualTo(0x8);
            assertThat(close.closeCode()).isEqualTo(1009);
            // Answering the close frame ends it at once (no wait for the server's timer).
            client.writeFrame(0x88, new byte[] {0x03, (byte) 0xf1}, true);
            assertThat(client.millisUntilClosed()).isLessThan(WebSocketConnection.CLOSE_REPLY_MILLIS + 1000);
        }
        listener.next(DISCONNECTED, WAIT);
        assertThat(listener.kinds()).doesNotContain(PACKET);
    }

    private void assertNeverConnected() throws InterruptedException {
        // Everything the transport does for a connection is queued on the game loop; a task
        // queued now runs after any connect event it might have produced.
        try {
            transport.gameLoop().submit(() -> { }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(listener.all).isEmpty();
        assertThat(transport.stats().peers()).isZero();
    }

}
