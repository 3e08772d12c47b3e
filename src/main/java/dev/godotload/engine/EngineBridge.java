package dev.godotload.engine;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.godotload.server.transport.Connection;
import dev.godotload.server.transport.TransportListener;
import dev.godotload.server.transport.TransportOptions;
import dev.godotload.server.transport.WebSocketTransport;
import dev.godotload.wire.GodotVersion;
import dev.godotload.wire.packet.PacketCodec;
import dev.godotload.wire.packet.PeerId;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Lets a Godot server that runs where it cannot listen (the web template in a browser) serve real
 * WebSocket clients: the engine connects to {@link #engineUrl()} as one WebSocket client, and every
 * client that connects to {@link #clientUrl()} gets the Godot 4 handshake and its 4-byte peer id
 * from our transport, then its packets travel to the engine and back unchanged, each tagged with
 * the client's id ({@link BridgeMessage}). Path cache, RPC dispatch, relay and the game are the
 * engine's: the bridge never reads a packet.
 */
public final class EngineBridge implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EngineBridge.class);
    private static final int MAX_ENGINE_MESSAGE = GodotVersion.GODOT_4_4.maxMessageBytes() + BridgeMessage.HEADER_BYTES;
    private static final PacketCodec PEER_ID = PacketCodec.of(GodotVersion.GODOT_4_4);

    private final EventLoopGroup group;
    private final Channel engineServer;
    private final AtomicReference<Channel> engine = new AtomicReference<>();
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private volatile Forwarder forwarder;
    private volatile WebSocketTransport clients;
    private volatile ClientTap tap;

    /**
     * Hears every message between the bridge and its clients, each as the client sends or gets it
     * (a capture, a test). Called on the bridge's threads: {@link #fromClient} on the clients' game
     * loop, {@link #toClient} on the engine's connection; each in its own order.
     */
    public interface ClientTap {
        /** A message the client sent, forwarded to the engine. */
        void fromClient(int peer, byte[] message);

        /** A message written to the client: its 4-byte peer id (from the bridge), then the engine's packets. */
        void toClient(int peer, byte[] message);
    }

    private EngineBridge(EventLoopGroup group, Channel engineServer) {
        this.group = group;
        this.engineServer = engineServer;
    }

    /** Listens for the engine on a free loopback port. */
    public static EngineBridge open() {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("godot-bridge", true),
                NioIoHandler.newFactory());
        EngineBridge[] self = new EngineBridge[1];
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/").checkStartsWith(true).maxFramePayloadLength(MAX_ENGINE_MESSAGE)
                                        .build()),
                                new EngineHandler(self[0]));
                    }
                });
        try {
            Channel server = b.bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
            self[0] = new EngineBridge(group, server);
            return self[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new EngineUnavailableException("interrupted while opening the engine bridge");
        }
    }

    /** What the engine connects to, e.g. {@code ws://127.0.0.1:40123/}. */
    public String engineUrl() {
        InetSocketAddress a = (InetSocketAddress) engineServer.localAddress();
        return "ws://127.0.0.1:" + a.getPort() + "/";
    }

    /**
     * Waits for the engine's READY; returns its description.
     *
     * @throws EngineUnavailableException when it does not come within {@code timeout}
     */
    public String awaitReady(Duration timeout) {
        try {
            return ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new EngineUnavailableException("the Godot engine did not connect to the bridge (" + engineUrl()
                    + ") and say READY within " + (timeout.toMillis() < 1000 ? timeout.toMillis() + " ms" : timeout.toSeconds() + " s"));
        } catch (ExecutionException e) {
            throw new EngineUnavailableException("the Godot engine's bridge connection failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while waiting for the Godot engine");
        }
    }

    /** Accepts Godot clients (after the engine's READY); returns their URL. */
    public synchronized String startClients(TransportOptions options) {
        if (clients == null) {
            clients = WebSocketTransport.start(options, loop -> {
                forwarder = new Forwarder();
                return forwarder;
            });
        }
        InetSocketAddress a = clients.address();
        return "ws://127.0.0.1:" + a.getPort();
    }

    /** Sets who hears the clients' messages from now on (null: nobody). */
    public void tap(ClientTap t) {
        tap = t;
    }

    public boolean engineConnected() {
        Channel c = engine.get();
        return c != null && c.isActive();
    }

    /** Closes the clients, the engine's connection and the listener. Idempotent. */
    @Override
    public synchronized void close() {
        if (clients != null) {
            clients.close();
            clients = null;
        }
        Channel c = engine.getAndSet(null);
        if (c != null) {
            c.close();
        }
        engineServer.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void toEngine(int kind, int peer, byte[] payload) {
        Channel c = engine.get();
        if (c == null || !c.isActive()) {
            return;
        }
        c.writeAndFlush(new BinaryWebSocketFrame(BridgeMessage.encode(c.alloc(), kind, peer, payload)));
    }

    /** From the engine, on its channel's loop. */
    private void fromEngine(ByteBuf m) {
        if (m.readableBytes() < BridgeMessage.HEADER_BYTES) {
            log.warn("bridge: a {}-byte message from the engine is shorter than the {}-byte header; dropped", m.readableBytes(),
                    BridgeMessage.HEADER_BYTES);
            return;
        }
        int kind = m.readUnsignedByte();
        int peer = m.readIntLE();
        byte[] payload = ByteBufUtil.getBytes(m);
        switch (kind) {
            case BridgeMessage.READY -> {
                String what = new String(payload, StandardCharsets.UTF_8);
                log.info("bridge: the engine is ready: {}", what);
                ready.complete(what);
            }
            case BridgeMessage.PACKET, BridgeMessage.DISCONNECT -> {
                Forwarder f = forwarder;
                if (f == null) {
                    log.warn("bridge: kind {} for peer {} before any client could connect; dropped", kind, peer);
                    return;
                }
                f.fromEngine(kind, peer, payload);
            }
            default -> log.warn("bridge: unknown message kind {} from the engine; dropped", kind);
        }
    }

    /** The clients' side: a transport listener on the clients' game loop. */
    private final class Forwarder implements TransportListener {
        private final Map<Integer, Connection> links = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public void peerConnected(Connection peer) {
            links.put(peer.id(), peer);
            ClientTap t = tap;
            if (t != null) {
                t.toClient(peer.id(), PEER_ID.encode(new PeerId(peer.id())));   // the transport already wrote it
            }
            toEngine(BridgeMessage.PEER_CONNECTED, peer.id(), new byte[0]);
        }

        @Override
        public void packetReceived(Connection peer, byte[] packet) {
            ClientTap t = tap;
            if (t != null) {
                t.fromClient(peer.id(), packet);
            }
            toEngine(BridgeMessage.PACKET, peer.id(), packet);
        }

        @Override
        public void peerDisconnected(Connection peer) {
            links.remove(peer.id());
            toEngine(BridgeMessage.PEER_DISCONNECTED, peer.id(), new byte[0]);
        }

        void closeAll() {
            for (Connection l : links.values()) {
                l.close();
            }
        }

        /** Any thread: sends are thread-safe and keep their order per sending thread (the engine's loop). */
        void fromEngine(int kind, int target, byte[] payload) {
            if (kind == BridgeMessage.DISCONNECT) {
                Connection l = links.get(target);
                if (l != null) {
                    l.close();
                }
                return;
            }
            ClientTap t = tap;
            if (target > 0) {
                Connection l = links.get(target);
                if (l != null) {
                    if (t != null) {
                        t.toClient(target, payload);
                    }
                    l.send(Unpooled.wrappedBuffer(payload));
                }
                return;
            }
            ByteBuf shared = Unpooled.wrappedBuffer(payload);
            try {
                for (Connection l : links.values()) {
                    if (target == 0 || l.id() != -target) {
                        if (t != null) {
                            t.toClient(l.id(), payload);
                        }
                        l.send(shared.retainedDuplicate());
                    }
                }
            } finally {
                shared.release();
            }
        }
    }

    private static final class EngineHandler extends SimpleChannelInboundHandler<BinaryWebSocketFrame> {
        private final EngineBridge bridge;

        EngineHandler(EngineBridge bridge) {
            this.bridge = bridge;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                if (!bridge.engine.compareAndSet(null, ctx.channel())) {
                    log.warn("bridge: a second engine connection from {}; closed", ctx.channel().remoteAddress());
                    ctx.close();
                    return;
                }
                log.info("bridge: the engine connected from {}", ctx.channel().remoteAddress());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, BinaryWebSocketFrame frame) {
            bridge.fromEngine(frame.content());
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            if (bridge.engine.compareAndSet(ctx.channel(), null)) {
                log.warn("bridge: the engine's connection closed; its clients are closed too");
                bridge.ready.completeExceptionally(new IllegalStateException("the engine disconnected"));
                Forwarder f = bridge.forwarder;
                if (f != null) {
                    f.closeAll();
                }
            }
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.warn("bridge: engine connection error: {}", cause.toString());
            ctx.close();
        }
    }
}
