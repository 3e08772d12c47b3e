package dev.godotload.target;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.godotload.gatling.Godot;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.WireFormatException;
import dev.godotload.wire.packet.Godot3Packets;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.PeerId;
import dev.godotload.wire.packet.Routed;

/**
 * Checks, before any user is injected, that a URL is a Godot server: the WebSocket upgrade
 * succeeds and the 4-byte peer id arrives, all within a deadline. Without it an unreachable
 * target would show up as a wall of KOs.
 */
public final class TargetProbe {
    private TargetProbe() {
    }

    /** @throws TargetUnavailableException with one line saying what failed */
    public static int probe(String url, Duration deadline) {
        return probe(url, null, deadline);
    }

    /** The same, offering {@code subprotocol} (null: none, as Godot clients do by default). */
    public static int probe(String url, String subprotocol, Duration deadline) {
        return probe(url, subprotocol, GodotVersion.DEFAULT, deadline);
    }

    /** The same, for a server of {@code version}: Godot 3 sends its peer id as SYS_ID, Godot 4 as 4 bytes. */
    public static int probe(String url, String subprotocol, GodotVersion version, Duration deadline) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new TargetUnavailableException("godot.url '" + url + "' is not a URL: " + e.getMessage());
        }
        if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new TargetUnavailableException("godot.url '" + url + "' must look like ws://host:port (or wss://)");
        }
        long deadlineNanos = System.nanoTime() + deadline.toNanos();
        HttpClient client = HttpClient.newBuilder().connectTimeout(deadline).build();
        CompletableFuture<byte[]> first = new CompletableFuture<>();
        WebSocket socket = null;
        try {
            WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(deadline);
            if (subprotocol != null) {
                builder = builder.subprotocols(subprotocol);
            }
            socket = builder.buildAsync(uri, new FirstMessage(first)).get(remaining(deadlineNanos), TimeUnit.NANOSECONDS);
            return peerId(url, version, first.get(remaining(deadlineNanos), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            throw notWithin(url, socket == null, deadline);
        } catch (ExecutionException e) {
            if (socket == null && timedOut(e.getCause())) {
                // The client's own handshake timer has the same deadline, started a moment later, and
                // sometimes fires first: the same failure, so the same message.
                throw notWithin(url, true, deadline);
            }
            if (socket != null) {
                // Reached, and upgraded: "cannot reach" would send the user looking in the wrong place.
                throw new TargetUnavailableException(url + " accepted the WebSocket but sent no peer id: "
                        + reason(e.getCause()));
            }
            throw new TargetUnavailableException("cannot reach " + url + ": " + reason(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetUnavailableException("interrupted while checking " + url);
        } finally {
            if (socket != null) {
                socket.abort();
            }
        }
    }

    private static int peerId(String url, GodotVersion version, byte[] first) {
        if (version.isGodot3()) {
            try {
                Routed r = Godot3Packets.INSTANCE.decode(first);
                if (r.packet() instanceof PeerId id) {
                    return id.id();
                }
            } catch (WireFormatException e) {
                // below
            }
            throw new TargetUnavailableException(url + " answered the WebSocket upgrade but its first message ("
                    + first.length + " bytes) is not a Godot 3 SYS_ID: is it a Godot 3 server? (-Dgodot.version)");
        }
        try {
            return Godot4Packets.of(version).decodePeerId(first).id();
        } catch (WireFormatException e) {
            throw new TargetUnavailableException(url + " answered the WebSocket upgrade but its first message is not a "
                    + "Godot 4 peer id (" + e.reason() + "): is it a Godot 4 server? (-Dgodot.version)");
        }
    }

    private static TargetUnavailableException notWithin(String url, boolean handshake, Duration deadline) {
        return new TargetUnavailableException(url + " did not " + (handshake ? "accept a WebSocket" : "send a peer id")
                + " within " + Durations.show(deadline) + ": is a Godot server listening there?");
    }

    private static boolean timedOut(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static long remaining(long deadlineNanos) {
        return Math.max(0, deadlineNanos - System.nanoTime());
    }

    static String reason(Throwable t) {
        Throwable deepest = t;
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "connection refused";
            }
            if (c instanceof HttpTimeoutException) {
                return "timed out";
            }
            if (c instanceof WebSocketHandshakeException h) {
                return "the WebSocket upgrade was refused (HTTP " + h.getResponse().statusCode() + ")";
            }
            if (c.getMessage() != null) {
                deepest = c;
            }
        }
        return deepest.getMessage() != null ? deepest.getMessage() : deepest.getClass().getSimpleName();
    }

    private static final class FirstMessage implements WebSocket.Listener {
        private final CompletableFuture<byte[]> first;
        private final java.io.ByteArrayOutputStream parts = new java.io.ByteArrayOutputStream();

        FirstMessage(CompletableFuture<byte[]> first) {
            this.first = first;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            parts.writeBytes(b);
            if (last) {
                first.complete(parts.toByteArray());
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            first.completeExceptionally(new java.io.IOException("the server closed the connection (" + code + ")"));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            first.completeExceptionally(error);
        }
    }
}
