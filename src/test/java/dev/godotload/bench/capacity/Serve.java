package dev.godotload.bench.capacity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.godotload.contract.Contract;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.Godot4Packets;
import dev.godotload.wire.packet.NodeRef;
import dev.godotload.wire.packet.Packet;
import dev.godotload.wire.packet.Rpc;

/** {@code java -jar target/godot-load.jar serve} in its own JVM, and its {@code Main/Stats} over a WebSocket. */
public final class Serve implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("listening on ws://127\\.0\\.0\\.1:(\\d+)");

    public final Jvm jvm;
    public final int port;

    private Serve(Jvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    public static Serve start(Path jar, Path console, String heap, String... serveArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("-jar", jar.toString(), "serve", "--port", "0", "--db", ":memory:",
                "--summary-every", "0"));
        args.addAll(List.of(serveArgs));
        Jvm jvm = Jvm.start("serve", List.of("-Xmx" + heap), args, console);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && jvm.process.isAlive()) {
            Matcher m = URL.matcher(Files.exists(console) ? Files.readString(console) : "");
            if (m.find()) {
                return new Serve(jvm, Integer.parseInt(m.group(1)));
            }
            Thread.sleep(100);
        }
        String out = jvm.consoleText();
        jvm.close();
        throw new IllegalStateException("serve printed no URL within 30 s: " + out.strip());
    }

    public String url() {
        return "ws://127.0.0.1:" + port + "/";
    }

    /** {@code request_stats()} on a Godot 4 server, as one more peer: the Dictionary it answers. */
    @SuppressWarnings("unchecked")
    Map<Object, Object> stats() throws Exception {
        Godot4Packets codec = Godot4Packets.of(GodotVersion.GODOT_4_3);
        LinkedBlockingQueue<byte[]> inbox = new LinkedBlockingQueue<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url()), new Collector(inbox)).get(20, TimeUnit.SECONDS);
        try {
            if (inbox.poll(20, TimeUnit.SECONDS) == null) {
                throw new IllegalStateException("no peer id from " + url() + " within 20 s");
            }
            int method = Contract.bundled().node("Main/Stats").methodId("request_stats");
            ws.sendBinary(ByteBuffer.wrap(codec.encode(Rpc.of(NodeRef.path("Main/Stats"), method, List.of()))), true)
                    .get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 1_000_000; i++) { // with relay on, N ADD_PEERs come first
                byte[] m = inbox.poll(20, TimeUnit.SECONDS);
                if (m == null) {
                    break;
                }
                Packet p = codec.decode(m);
                if (p instanceof Rpc reply && reply.args().size() == 1 && reply.args().get(0) instanceof Map<?, ?> d) {
                    return (Map<Object, Object>) d;
                }
            }
            throw new IllegalStateException("no receive_stats from " + url());
        } finally {
            ws.abort();
        }
    }

    /** Peers connected now, by the server's own count (this query's peer not counted). */
    long peers() throws Exception {
        return ((Number) stats().get("peers")).longValue() - 1;
    }

    @Override
    public void close() throws InterruptedException {
        jvm.close();
    }

    /** Whole binary messages into a queue. */
    private static final class Collector implements WebSocket.Listener {
        private final LinkedBlockingQueue<byte[]> inbox;
        private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

        Collector(LinkedBlockingQueue<byte[]> inbox) {
            this.inbox = inbox;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            partial.writeBytes(b);
            if (last) {
                inbox.add(partial.toByteArray());
                partial.reset();
            }
            ws.request(1);
            return CompletableFuture.completedFuture(null);
        }
    }
}
