package dev.godotload.server.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutorGroup;

/**
 * A WebSocket server that behaves on the wire like Godot 4's {@code WebSocketMultiplayerPeer} in
 * server mode: Godot's upgrade rules, a random peer id as the first message of every connection,
 * one WebSocket message per packet, Godot's size limits and timeouts (godot4.md §2).
 *
 * <p>Threads: one acceptor, one I/O loop per processor, and one game loop on which every
 * {@link TransportListener} call runs. All are daemon threads, so an embedded server never keeps a
 * JVM alive; a process that only serves must block on something itself.
 *
 * <p>All lines are logged under this class's logger: INFO per connect and disconnect, WARN per
 * refused or timed-out handshake (a refusal at {@link ConnectionLimits#maxPeers()} included) and per
 * peer closed for its message rate, DEBUG per packet.
 */
public final class WebSocketTransport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

    /** The longest {@link #close()} takes, whatever the clients do. */
    static final long CLOSE_BUDGET_MILLIS = 5000;

    private final EventLoopGroup acceptLoop;
    private final EventLoopGroup ioLoops;
    private final DefaultEventLoop gameLoop;
    private final Channel server;
    private final InetSocketAddress address;
    private final OpenConnections registry;
    private final TransportCounters counters;
    private final LoopLag lag;
    private final AtomicBoolean closed = new AtomicBoolean();

    private WebSocketTransport(EventLoopGroup acceptLoop, EventLoopGroup ioLoops, DefaultEventLoop gameLoop,
                               Channel server, OpenConnections registry, TransportCounters counters, LoopLag lag) {
        this.acceptLoop = acceptLoop;
        this.ioLoops = ioLoops;
        this.gameLoop = gameLoop;
        this.server = server;
        this.address = (InetSocketAddress) server.localAddress();
        this.registry = registry;
        this.counters = counters;
        this.lag = lag;
    }

    /**
     * Binds and returns once listening.
     *
     * @throws UncheckedIOException when it cannot listen; the message is one line, e.g.
     *                              "cannot listen on 127.0.0.1:9080: Address already in use"
     */
    public static WebSocketTransport start(TransportOptions options, TransportListener listener) {
        Objects.requireNonNull(listener, "listener");
        return start(options, loop -> listener);
    }

    /**
     * Like {@link #start(TransportOptions, TransportListener)}, for a listener that needs the game
     * loop it will run on (to schedule its timers there) before the first peer can connect.
     */
    public static WebSocketTransport start(TransportOptions options,
                                           java.util.function.Function<EventLoop, TransportListener> listenerOnLoop) {
        Objects.requireNonNull(options, "options");
        String where = options.host() + ":" + options.port();
        InetAddress host;
        try {
            host = InetAddress.getByName(options.host());
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("cannot listen on " + where + ": unknown host", e);
        }
        EventLoopGroup acceptLoop = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory("godot-ws-accept", true), NioIoHandler.newFactory());
        EventLoopGroup ioLoops = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("godot-ws-io", true), NioIoHandler.newFactory());
        DefaultEventLoop gameLoop = new DefaultEventLoop(new DefaultThreadFactory("godot-game", true));
        TransportListener listener = Objects.requireNonNull(listenerOnLoop.apply(gameLoop), "listener");
        OpenConnections registry = new OpenConnections();
        TransportCounters counters = new TransportCounters();
        GameLoop events = new GameLoop(gameLoop, listener, registry, counters);

        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptLoop, ioLoops)
                .channel(NioServerSocketChannel.class)
                // Game packets are small and latency is what a load test measures.
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast("handshake",
                                new HandshakeHandler(options, registry, events, counters));
                    }
                });
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(host, options.port()));
        boolean done = bound.awaitUninterruptibly(CLOSE_BUDGET_MILLIS, TimeUnit.MILLISECONDS);
        if (!done || !bound.isSuccess()) {
            shutdown(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_BUDGET_MILLIS),
                    List.of(acceptLoop, ioLoops, gameLoop));
            Throwable cause = done ? bound.cause() : null;
            String reason = cause == null ? "timed out" : describe(cause);
            IOException io = cause instanceof IOException ? (IOException) cause : new IOException(reason, cause);
            throw new UncheckedIOException("cannot listen on " + where + ": " + reason, io);
        }
        WebSocketTransport transport = new WebSocketTransport(acceptLoop, ioLoops, gameLoop, bound.channel(),
                registry, counters, LoopLag.start(gameLoop));
        log.info("listening on ws://{}", WebSocketConnection.format(transport.address));
        return transport;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName();
        }
        return message.lines().findFirst().orElse(message);
    }

    /** The bound port (the actual one when the options asked for port 0). */
    public int port() {
        return address.getPort();
    }

    public InetSocketAddress address() {
        return address;
    }

    /** The thread every listener call runs on; schedule the layer above's timers here. */
    public EventLoop gameLoop() {
        return gameLoop;
    }

    public TransportStats stats() {
        long queued = 0;
        long fullest = 0;
        for (WebSocketConnection peer : registry.peers()) {
            long q = peer.queuedBytes();
            queued += q;
            fullest = Math.max(fullest, q);
        }
        return counters.snapshot(queued, fullest, lag.worstMicros());
    }

    /**
     * Stops listening, closes every peer (close frame 1000; the listener hears each disconnect),
     * and stops all threads; returns within {@value #CLOSE_BUDGET_MILLIS} ms. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_BUDGET_MILLIS);
        server.close().awaitUninterruptibly(remainingMillis(deadline) / 5);
        List<WebSocketConnection> peers = new ArrayList<>(registry.peers());
        for (WebSocketConnection peer : peers) {
            peer.close(WebSocketCloseStatus.NORMAL_CLOSURE, "server shutting down");
        }
        // Clients get a moment to answer the close frame; WebSocketConnection closes TCP itself after that moment.
        long peersDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WebSocketConnection.CLOSE_REPLY_MILLIS + 200);
        for (WebSocketConnection peer : peers) {
            peer.channel().closeFuture().awaitUninterruptibly(Math.max(0, remainingMillis(peersDeadline)));
        }
        // The accept loop first: a connection it accepted a moment ago is handed to an I/O loop, which must
        // still be running to take it and then close it. Then the I/O loops: closing their channels queues
        // the last disconnects, the game loop runs them.
        shutdown(deadline, List.of(acceptLoop));
        shutdown(deadline, List.of(ioLoops));
        shutdown(deadline, List.of(gameLoop));
        log.info("stopped listening on ws://{}", WebSocketConnection.format(address));
    }

    private static void shutdown(long deadline, List<EventExecutorGroup> groups) {
        for (EventExecutorGroup group : groups) {
            group.shutdownGracefully(0, Math.max(0, remainingMillis(deadline) / 2), TimeUnit.MILLISECONDS);
        }
        for (EventExecutorGroup group : groups) {
            try {
                group.awaitTermination(Math.max(0, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }
}
