package dev.godotload.bench.baseline;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.EventExecutor;

/**
 * The baseline's load generator: N WebSocket users on one event loop group (a thread per core),
 * connecting evenly over the ramp. Sending starts once all are connected, so every user should get
 * every copy: N × S each, N × N × S in all. The run ends when none is missing or at the max wait
 * (counted from the first connect), and prints one line:
 *
 * <pre>baseline-clients users=N messages=M copies=C expected=E p50_ms=x p99_ms=y max_ms=z cpu_s=c elapsed_s=e</pre>
 *
 * where cpu_s is this JVM's CPU time, start-up included, and elapsed_s runs from the first connect
 * to the last copy (or the give-up). Exit code 0 when copies = expected, 1 otherwise, 2 on bad arguments.
 */
public final class BroadcastClients {
    private static final int MAX_FRAME = 64 * 1024;
    private static final long CLOSE_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final ClientOptions options;
    private final EventLoopGroup loops;
    private final Map<EventExecutor, LoopTally> tallies = new IdentityHashMap<>();
    private final Progress progress;
    private final AtomicReferenceArray<ChatClient> clients;
    private final Bootstrap template;
    private final InetSocketAddress server;

    private BroadcastClients(ClientOptions options) {
        this.options = options;
        this.loops = NettyTransport.loops(Runtime.getRuntime().availableProcessors());
        for (EventExecutor loop : loops) {
            tallies.put(loop, new LoopTally());
        }
        this.progress = new Progress(options.users());
        this.clients = new AtomicReferenceArray<>(options.users());
        this.template = new Bootstrap()
                .group(loops)
                .channel(NettyTransport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true);
        this.server = new InetSocketAddress(options.url().getHost(), options.url().getPort());
    }

    /** What a run measured. */
    record Outcome(int users, long messages, long copies, long expected, LatencyHistogram latency,
                   double cpuSeconds, double elapsedSeconds) {
        String line() {
            return String.format(Locale.ROOT,
                    "baseline-clients users=%d messages=%d copies=%d expected=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f"
                            + " cpu_s=%.3f elapsed_s=%.3f",
                    users, messages, copies, expected, latency.percentileMicros(0.50) / 1000.0,
                    latency.percentileMicros(0.99) / 1000.0, latency.maxMicros() / 1000.0, cpuSeconds, elapsedSeconds);
        }

        boolean complete() {
            return copies == expected;
        }
    }

    public static void main(String[] args) throws Exception {
        ClientOptions options;
        try {
            options = ClientOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.err.println("baseline clients: " + NettyTransport.name() + " transport, "
                + Runtime.getRuntime().availableProcessors() + " I/O threads");
        Outcome outcome = new BroadcastClients(options).run();
        System.out.println(outcome.line());
        System.out.flush();
        System.exit(outcome.complete() ? 0 : 1);
    }

    private Outcome run() throws Exception {
        long started = System.nanoTime();
        long deadline = started + options.maxWait().toNanos();
        long elapsed;
        LoopTally total;
        try {
            for (int i = 0; i < options.users(); i++) {
                int user = i;
                long at = options.ramp().toNanos() * i / options.users();
                loops.schedule(() -> connect(user), at, TimeUnit.NANOSECONDS);
            }
            if (progress.awaitAllConnected(deadline)) {
                for (int i = 0; i < options.users(); i++) {
                    clients.get(i).start();
                }
                progress.awaitAllComplete(deadline);
            }
            elapsed = System.nanoTime() - started;
            if (progress.failure() != null) {
                System.err.println("baseline clients: " + progress.failure());
            } else if (System.nanoTime() - deadline >= 0) {
                System.err.println("baseline clients: gave up after the max wait of " + options.maxWait().toMillis() + " ms");
            }
            leave();
            total = collect();
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        loops.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        return new Outcome(options.users(), total.sent, total.latency.count(), options.expectedCopies(),
                total.latency, cpuSeconds(), elapsed / 1e9);
    }

    private void connect(int user) {
        URI url = options.url();
        WebSocketClientProtocolConfig ws = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(url)
                .maxFramePayloadLength(MAX_FRAME)
                // binary frames only: a text-frame validator would be one more handler per copy
                .withUTF8Validator(false)
                .build();
        Bootstrap bootstrap = template.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ChatClient client = new ChatClient(user, options, progress, tallies.get(ch.eventLoop()));
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(ws), client);
                // published after handlerAdded gave the client its context, for the main thread to use
                clients.set(user, client);
            }
        });
        bootstrap.connect(server).addListener(f -> {
            if (!f.isSuccess()) {
                progress.fail("user " + user + ": cannot connect to " + url + ": " + f.cause());
            }
        });
    }

    /** Every user closes its connection (close frame, then TCP); bounded, the loops' shutdown closes what is left. */
    private void leave() {
        for (int i = 0; i < options.users(); i++) {
            ChatClient client = clients.get(i);
            if (client != null) {
                client.leave();
            }
        }
        long closeDeadline = System.nanoTime() + CLOSE_BUDGET_NANOS;
        for (int i = 0; i < options.users(); i++) {
            ChatClient client = clients.get(i);
            Channel channel = client == null ? null : client.channel();
            long left = closeDeadline - System.nanoTime();
            if (channel != null && left > 0) {
                channel.closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Each loop's tally, read on its own loop so the counts it wrote are seen. */
    private LoopTally collect() throws Exception {
        LoopTally total = new LoopTally();
        for (Map.Entry<EventExecutor, LoopTally> e : tallies.entrySet()) {
            LoopTally tally = e.getValue();
            total.add(e.getKey().submit(tally::snapshot).get(3, TimeUnit.SECONDS));
        }
        return total;
    }

    private static double cpuSeconds() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime() / 1e9;
    }
}
