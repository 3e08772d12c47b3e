package dev.godotload.faults;

import java.net.InetSocketAddress;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * One user's connection through the proxy: the user's socket, the socket to the server, and a
 * pipeline each way. Both sockets live on the user socket's event loop, so the pipelines never
 * race.
 */
final class ProxiedConnection {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final Channel user;
    private final Faults faults;
    private final ProxyCounters counters;
    private final long openedNanos = System.nanoTime();
    private Channel server;
    private ToxicPipeline up;
    private ToxicPipeline down;

    private ProxiedConnection(Channel user, Faults faults, ProxyCounters counters) {
        this.user = user;
        this.faults = faults;
        this.counters = counters;
    }

    /** Called for each accepted user socket (not read yet): connects to the target, then lets data flow. */
    static void open(Channel user, InetSocketAddress target, Faults faults, ProxyCounters counters, ChannelGroup open) {
        counters.connections.increment();
        open.add(user);
        ProxiedConnection c = new ProxiedConnection(user, faults, counters);
        user.pipeline().addLast(c.new Relay(true));
        Bootstrap b = new Bootstrap().group(user.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(c.new Relay(false));
        ChannelFuture connecting = b.connect(target);
        c.server = connecting.channel();
        open.add(c.server);
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                counters.unreachable.increment();
                user.close();
                return;
            }
            if (!user.isActive()) {
                c.server.close();
                return;
            }
            c.up = new ToxicPipeline(faults.acting(Direction.UP), user, c.server, c, counters.bytesUp);
            c.down = new ToxicPipeline(faults.acting(Direction.DOWN), c.server, user, c, counters.bytesDown);
            c.up.start();
            c.down.start();
            user.config().setAutoRead(true);
            c.server.config().setAutoRead(true);
        });
    }

    /** When the proxy accepted the user's socket (System.nanoTime). */
    long openedNanos() {
        return openedNanos;
    }

    /** reset_peer: the socket goes away with a TCP RST (SO_LINGER 0), not a FIN. */
    void reset(Channel side) {
        if (side.isActive()) {
            counters.resets.increment();
            side.config().setOption(ChannelOption.SO_LINGER, 0);
            side.close();
        }
    }

    /** timeout: both sockets closed (FIN). */
    void close() {
        user.close();
        server.close();
    }

    private void closed(boolean userSide) {
        if (up == null) {
            // the server was never reached: nothing flowed, nothing is held
            (userSide ? server : user).close();
            return;
        }
        (userSide ? up : down).end();
        if (!user.isActive() && !server.isActive()) {
            up.dispose();
            down.dispose();
        }
    }

    /** The handler on each socket; {@code userSide} says which. */
    private final class Relay extends ChannelInboundHandlerAdapter {
        private final boolean userSide;

        Relay(boolean userSide) {
            this.userSide = userSide;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            (userSide ? up : down).read((ByteBuf) msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closed(userSide);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (up != null) {
                // this socket is the destination of the other way
                (userSide ? down : up).throttle();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // a reset or a broken pipe from one side is part of a bad network, not a proxy error
            ctx.close();
        }
    }
}
