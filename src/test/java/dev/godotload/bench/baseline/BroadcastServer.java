package dev.godotload.bench.baseline;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The baseline's server: a WebSocket endpoint on 127.0.0.1 that sends every binary message to
 * every connection, and does nothing else. Prints {@code listening on ws://127.0.0.1:PORT/} once
 * bound, then serves until its standard input closes (so it never outlives a parent that forgot
 * it) or it gets SIGTERM.
 *
 * <p>Usage: {@code BroadcastServer [PORT]}; 0 or nothing picks a free port.
 */
public final class BroadcastServer implements AutoCloseable {
    private static final int MAX_FRAME = 64 * 1024;

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel listener;
    private boolean closed;

    private BroadcastServer(int port) throws InterruptedException {
        acceptor = NettyTransport.loops(1);
        workers = NettyTransport.loops(Runtime.getRuntime().availableProcessors());
        FanOut fanOut = new FanOut(workers);
        BroadcastHandler broadcast = new BroadcastHandler(fanOut);
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .maxFramePayloadLength(MAX_FRAME)
                // binary frames only: a text-frame validator would be one more handler per message
                .withUTF8Validator(false)
                .build();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NettyTransport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                // chat lines are small and their latency is what the clients measure
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new WebSocketServerProtocolHandler(ws), broadcast);
                    }
                });
        try {
            listener = bootstrap.bind("127.0.0.1", port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdownLoops();
            throw e;
        }
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Stops listening, closes every connection and stops the threads; idempotent, bounded to a few seconds. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        shutdownLoops();
    }

    private void shutdownLoops() {
        acceptor.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        acceptor.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        BroadcastServer server;
        try {
            server = new BroadcastServer(port);
        } catch (Exception e) {
            System.err.println("baseline server: cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "baseline-server-stop"));
        System.out.println("listening on ws://127.0.0.1:" + server.port() + "/");
        System.out.flush();
        System.err.println("baseline server: " + NettyTransport.name() + " transport, "
                + Runtime.getRuntime().availableProcessors() + " I/O threads");
        drain(System.in);
        server.close();
    }

    private static void drain(InputStream in) {
        byte[] sink = new byte[256];
        try {
            while (in.read(sink) >= 0) {
                // only the end of the stream matters
            }
        } catch (IOException closed) {
            // same as the end of the stream
        }
    }
}
