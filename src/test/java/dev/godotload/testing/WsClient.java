package dev.godotload.testing;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.godotload.server.ReferenceServer;
import dev.godotload.server.transport.WebSocketTransport;

/** A JDK WebSocket client that collects whole messages; every wait is bounded. */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(WAIT).build();

    public final BlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
    public final BlockingQueue<byte[]> pongs = new LinkedBlockingQueue<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    /** The reason of the server's close frame, as received. */
    public final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private WebSocket socket;

    public static WsClient connect(WebSocketTransport transport) throws Exception {
        return connect(transport, "/");
    }

    public static WsClient connect(WebSocketTransport transport, String path) throws Exception {
        return connect(transport.port(), path);
    }

    /** Connects to {@code ws://127.0.0.1:port/path}, e.g. a {@link ReferenceServer}'s port. */
    public static WsClient connect(int port, String path) throws Exception {
        WsClient client = new WsClient();
        URI uri = URI.create("ws://127.0.0.1:" + port + path);
        client.socket = HTTP.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, client)
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return client;
    }

    /** Connects and reads the first message, which must be the peer id. */
    public static WsClient connectWithId(WebSocketTransport transport) throws Exception {
        WsClient client = connect(transport);
        client.id = client.readId();
        return client;
    }

    public int id;

    public int readId() throws InterruptedException {
        byte[] first = next();
        if (first.length != 4) {
            throw new AssertionError("first message has " + first.length + " bytes, expected 4");
        }
        return ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    public byte[] next() throws InterruptedException {
        byte[] message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            throw new AssertionError("no message within " + WAIT);
        }
        return message;
    }

    public int awaitClose() throws Exception {
        return closeCode.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void sendBinary(byte[] data) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(data), true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void sendFragment(byte[] data, boolean last) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(data), last).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void sendText(String text) throws Exception {
        socket.sendText(text, true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void ping(byte[] data) throws Exception {
        socket.sendPing(ByteBuffer.wrap(data)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void closeNormally() throws Exception {
        closeWith(WebSocket.NORMAL_CLOSURE, "bye");
    }

    public void closeWith(int code, String reason) throws Exception {
        socket.sendClose(code, reason).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        collect(bytes, last);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        collect(data.toString().getBytes(StandardCharsets.UTF_8), last);
        webSocket.request(1);
        return null;
    }

    private synchronized void collect(byte[] bytes, boolean last) {
        partial.writeBytes(bytes);
        if (last) {
            messages.add(partial.toByteArray());
            partial.reset();
        }
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        byte[] bytes = new byte[message.remaining()];
        message.get(bytes);
        pongs.add(bytes);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeReason.complete(reason);
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeReason.completeExceptionally(error);
        closeCode.completeExceptionally(error);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
