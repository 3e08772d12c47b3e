package dev.godotload.faults;

import java.io.UncheckedIOException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * A TCP proxy on a free loopback port in front of one target, which passes every connection
 * through the {@link Faults}' toxics: a bad network without root ({@code tc netem} needs it). It
 * knows nothing of WebSocket or Godot, so it stands in front of any server. A few event loops
 * serve every connection; a toxic's waiting is a timer on them, never a thread.
 */
public final class FaultProxy implements AutoCloseable {
    private static final long CLOSE_BUDGET_MILLIS = 2_000;

    private final EventLoopGroup loops;
    private final Channel listening;
    private final ChannelGroup open;
    private final ProxyCounters counters;
    private final InetSocketAddress target;
    private final AtomicBoolean closed = new AtomicBoolean();

    private FaultProxy(EventLoopGroup loops, Channel listening, ChannelGroup open, ProxyCounters counters,
            InetSocketAddress target) {
        this.loops = loops;
        this.listening = listening;
        this.open = open;
        this.counters = counters;
        this.target = target;
    }

    /**
     * Listens on 127.0.0.1 (a free port) and sends each connection on to {@code target}.
     *
     * @throws UncheckedIOException one line when it cannot listen
     */
    public static FaultProxy start(Faults faults, InetSocketAddress target) {
        EventLoopGroup loops = new MultiThreadIoEventLoopGroup(Math.min(4, Runtime.getRuntime().availableProcessors()),
                new DefaultThreadFactory("godot-faults", true), NioIoHandler.newFactory());
        ChannelGroup open = new DefaultChannelGroup("godot-faults", GlobalEventExecutor.INSTANCE);
        ProxyCounters counters = new ProxyCounters();
        ServerBootstrap bootstrap = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                // a toxic decides the segments; the kernel must not merge them again
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel user) {
                        ProxiedConnection.open(user, target, faults, counters, open);
                    }
                });
        ChannelFuture bound = bootstrap.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        if (!bound.awaitUninterruptibly(CLOSE_BUDGET_MILLIS) || !bound.isSuccess()) {
            loops.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            Throwable cause = bound.cause();
            throw new UncheckedIOException(new IOException("the fault proxy cannot listen on 127.0.0.1: "
                    + (cause == null ? "timed out" : cause.getMessage()), cause));
        }
        // threads start now, not when the first users arrive: their toxics' clocks are already running
        for (EventExecutor loop : loops) {
            loop.submit(() -> { }).awaitUninterruptibly(CLOSE_BUDGET_MILLIS);
        }
        return new FaultProxy(loops, bound.channel(), open, counters, target);
    }

    /** The loopback port users connect to instead of the target's. */
    public int port() {
        return ((InetSocketAddress) listening.localAddress()).getPort();
    }

    /** Where the proxy sends connections. */
    public InetSocketAddress target() {
        return target;
    }

    public FaultProxyStats stats() {
        return counters.snapshot();
    }

    /** Stops listening, closes every connection still open (a held timeout:0 too), stops the loops. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        listening.close().awaitUninterruptibly(CLOSE_BUDGET_MILLIS / 4);
        open.close().awaitUninterruptibly(CLOSE_BUDGET_MILLIS / 4);
        loops.shutdownGracefully(0, CLOSE_BUDGET_MILLIS / 4, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(CLOSE_BUDGET_MILLIS / 2);
    }
}
