package dev.godotload.bench.baseline;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The socket layer both baseline JVMs use: Linux's native epoll when its library loads (the
 * cheapest Netty has, and what Gatling itself uses), else NIO. {@code -Dbaseline.transport=nio}
 * forces NIO, to compare like with like against a server that runs on NIO.
 */
final class NettyTransport {
    static final String PROPERTY = "baseline.transport";
    private static final boolean EPOLL = !"nio".equals(System.getProperty(PROPERTY)) && Epoll.isAvailable();

    private NettyTransport() {
    }

    static String name() {
        return EPOLL ? "epoll" : "nio";
    }

    static EventLoopGroup loops(int threads) {
        IoHandlerFactory io = EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        return new MultiThreadIoEventLoopGroup(threads, io);
    }

    static Class<? extends ServerChannel> serverChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
