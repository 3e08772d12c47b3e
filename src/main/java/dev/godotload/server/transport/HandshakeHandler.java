package dev.godotload.server.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * The first handler of every accepted connection: reads the HTTP upgrade request, answers it the
 * way Godot's server does, and turns the channel into an open peer. Netty's own
 * {@code WebSocketServerHandshaker13} is not used because its rules are not Godot's: it requires
 * {@code Connection: Upgrade}, accepts a request whose sub-protocols all mismatch, and writes
 * lower-case header names.
 *
 * <p>It also owns the handshake timeout: from accept until the WebSocket is open, as in Godot,
 * after which the TCP connection is silently dropped; and {@link ConnectionLimits#maxPeers()}, which
 * Godot lacks: a valid request that finds every place taken is refused like a bad one, with 503.
 */
final class HandshakeHandler extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);
    private static final byte[] END_OF_HEADERS = {'\r', '\n', '\r', '\n'};

    private final TransportOptions options;
    private final OpenConnections registry;
    private final GameLoop gameLoop;
    private final TransportCounters counters;
    private ScheduledFuture<?> timeout;
    private boolean refused;

    HandshakeHandler(TransportOptions options, OpenConnections registry, GameLoop gameLoop, TransportCounters counters) {
        this.options = options;
        this.registry = registry;
        this.gameLoop = gameLoop;
        this.counters = counters;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        // Added while the accepted channel registers: this is the moment of accept.
        long millis = options.handshakeTimeout().toMillis();
        timeout = ctx.executor().schedule(() -> {
            if (!refused) {
                log.warn("handshake from {} timed out after {} ms", remote(ctx), millis);
            }
            ctx.close();
        }, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        timeout.cancel(false);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused || !ctx.channel().isActive()) {
            in.skipBytes(in.readableBytes());
            return;
        }
        int end = endOfHeaders(in);
        if (end < 0) {
            if (in.readableBytes() >= UpgradeRequest.MAX_HEADER_BYTES) {
                refuse(ctx, in, "request header larger than " + UpgradeRequest.MAX_HEADER_BYTES + " bytes");
            }
            return;
        }
        String block = in.toString(in.readerIndex(), end - END_OF_HEADERS.length, StandardCharsets.ISO_8859_1);
        in.skipBytes(end);
        UpgradeRequest request;
        String protocol;
        try {
            request = UpgradeRequest.parse(block);
            protocol = request.selectProtocol(options.subprotocols());
        } catch (HandshakeException e) {
            refuse(ctx, in, e.getMessage());
            return;
        }
        int maxPeers = options.limits().maxPeers();
        WebSocketConnection peer = registry.registerWithin(maxPeers,
                id -> new WebSocketConnection(id, ctx.channel(), options, counters));
        if (peer == null) {
            refuseFull(ctx, in, registry.taken() + " peers connected, max peers " + maxPeers);
            return;
        }
        open(ctx, request, protocol, peer);
    }

    /** Bytes from the reader index to just past the blank line, or -1 if it is not within the limit. */
    private static int endOfHeaders(ByteBuf in) {
        int start = in.readerIndex();
        int limit = Math.min(in.readableBytes(), UpgradeRequest.MAX_HEADER_BYTES);
        for (int i = END_OF_HEADERS.length; i <= limit; i++) {
            if (in.getByte(start + i - 4) == '\r' && in.getByte(start + i - 3) == '\n'
                    && in.getByte(start + i - 2) == '\r' && in.getByte(start + i - 1) == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void open(ChannelHandlerContext ctx, UpgradeRequest request, String protocol, WebSocketConnection peer) {
        ctx.write(Unpooled.copiedBuffer(UpgradeResponse.switchingProtocols(request.key(), protocol),
                StandardCharsets.ISO_8859_1));
        int max = options.maxMessageBytes();
        int closeAbove = options.dialect().closeAboveBytes(max);
        // No extensions, so RSV bits are a protocol error; client frames must be masked. ConnectionHandler
        // sends the close frame for a violation (the decoder would close TCP right after it).
        WebSocketDecoderConfig frames = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(closeAbove)
                .expectMaskedFrames(true)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .closeOnProtocolViolation(false)
                .build();
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter(ctx.name(), "ws-encoder", new WebSocket13FrameEncoder(false));
        pipeline.addAfter("ws-encoder", "ws-decoder", new WebSocket13FrameDecoder(frames));
        pipeline.addAfter("ws-decoder", "ws-aggregator", new WebSocketFrameAggregator(closeAbove));
        pipeline.addAfter("ws-aggregator", "peer", new ConnectionHandler(peer, gameLoop, max, options.dialect(),
                MessageRate.of(options.limits().maxMessagesPerSecond())));
        if (options.dialect().writesPeerIdFirst()) {
            // The id is written from this loop before the listener hears of the peer, so it precedes
            // anything the listener sends (Godot: put_packet(id), then peer_connected).
            ByteBuf id = ctx.alloc().buffer(4).writeIntLE(peer.id());
            ctx.channel().writeAndFlush(new BinaryWebSocketFrame(id));
        } else {
            // Godot 3: the listener's SYS_ID is the first message; it is queued after this 101.
            ctx.flush();
        }
        log.debug("peer {}: handshake done, path {}, protocol {}", peer.id(), request.path(), protocol);
        // Bytes after the request (frames sent without waiting for 101) go on to the frame decoder.
        pipeline.remove(this);
        gameLoop.connected(peer);
    }

    /**
     * Godot 3 dialect: closes TCP at once, as Godot 3 does. Godot 4 dialect: answers 400, then
     * half-closes and keeps discarding input until the client closes or the handshake timeout fires:
     * closing at once, with the rest of a long request still arriving, would reset the connection
     * and could destroy the answer before the client reads it.
     */
    private void refuse(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        refuse(ctx, in, reason, UpgradeResponse.badRequest(reason));
    }

    /** A valid upgrade while {@link ConnectionLimits#maxPeers()} are connected: 503, or Godot 3's silent close. */
    private void refuseFull(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        refuse(ctx, in, reason, UpgradeResponse.serviceUnavailable(reason));
    }

    private void refuse(ChannelHandlerContext ctx, ByteBuf in, String reason, String answer) {
        refused = true;
        in.skipBytes(in.readableBytes());
        if (!options.dialect().answersRefusals()) {
            // Godot 3 drops the pending peer: TCP closes and the client gets no HTTP reply at all.
            log.warn("handshake from {} refused, connection closed without a reply: {}", remote(ctx), reason);
            ctx.close();
            return;
        }
        log.warn("handshake from {} refused: {}", remote(ctx), reason);
        ctx.writeAndFlush(Unpooled.copiedBuffer(answer, StandardCharsets.UTF_8))
                .addListener((ChannelFutureListener) written -> {
                    if (written.isSuccess() && written.channel() instanceof SocketChannel socket) {
                        socket.shutdownOutput();
                    } else {
                        written.channel().close();
                    }
                });
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        // The connection is gone: a request completed by the last bytes must not open a peer.
        in.skipBytes(in.readableBytes());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("handshake from {} failed: {}", remote(ctx), cause.getMessage());
        } else {
            log.warn("handshake from {} failed: {}: {}", remote(ctx), cause.getClass().getSimpleName(),
                    cause.getMessage());
        }
        ctx.close();
    }

    private static String remote(ChannelHandlerContext ctx) {
        return WebSocketConnection.format(ctx.channel().remoteAddress());
    }
}
