package dev.godotload.server.transport;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of an open connection: whole messages go to the game loop as packets, control
 * frames are answered here, and the end of the connection becomes one disconnect event.
 */
final class ConnectionHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

    private final WebSocketConnection peer;
    private final GameLoop gameLoop;
    private final int maxMessageBytes;
    private final TransportDialect dialect;
    private final MessageRate rate;

    ConnectionHandler(WebSocketConnection peer, GameLoop gameLoop, int maxMessageBytes, TransportDialect dialect,
                      MessageRate rate) {
        this.peer = peer;
        this.gameLoop = gameLoop;
        this.maxMessageBytes = maxMessageBytes;
        this.dialect = dialect;
        this.rate = rate;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (peer.closing() && !(msg instanceof CloseWebSocketFrame)) {
            ReferenceCountUtil.release(msg);
        } else if ((msg instanceof BinaryWebSocketFrame || msg instanceof TextWebSocketFrame) && !rate.take()) {
            // Checked here, before the game loop: a flood costs its sender the connection, not the others their latency.
            ReferenceCountUtil.release(msg);
            int limit = rate.perSecond();
            log.warn("peer {} ({}) sent more than {} messages a second (burst {}); disconnected with 1008", peer.id(),
                    peer.remoteAddress(), limit, limit);
            peer.close(WebSocketCloseStatus.POLICY_VIOLATION, "message rate over " + limit + "/s, closed with 1008",
                    "message rate over " + limit + "/s");
        } else if (msg instanceof BinaryWebSocketFrame || msg instanceof TextWebSocketFrame) {
            // Godot treats text like binary (it only flags it); so do we.
            byte[] packet = ByteBufUtil.getBytes(((WebSocketFrame) msg).content());
            ReferenceCountUtil.release(msg);
            if (packet.length > maxMessageBytes) {
                // Only where the dialect lets wslay take more than the ring buffer holds (Godot 3).
                log.warn("peer {}: dropped a {}-byte message, over the {}-byte buffer; connection kept", peer.id(),
                        packet.length, maxMessageBytes);
                return;
            }
            peer.inbound().queued(packet.length);
            gameLoop.received(peer, packet);
        } else if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (msg instanceof CloseWebSocketFrame close) {
            onClose(ctx, close);
        } else {
            // Unsolicited pongs are allowed and mean nothing.
            ReferenceCountUtil.release(msg);
        }
    }

    private void onClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        try {
            if (!peer.startClosing()) {
                // The client answers our close frame: the closing handshake is complete.
                ctx.close();
                return;
            }
            int code = close.statusCode();
            // A Godot 3 client's reason ends in the C string's NUL ("bye\0"); the log line does not need it.
            String reason = close.reasonText() == null ? null : close.reasonText().replace("\0", "");
            peer.noteCloseReason(code < 0 ? "closed by client (no status)"
                    : "closed by client " + code + (reason == null || reason.isEmpty() ? "" : " " + reason));
            CloseWebSocketFrame answer = code < 0 ? new CloseWebSocketFrame()
                    : dialect.echoesCloseReason() ? new CloseWebSocketFrame(true, 0, close.content().retainedDuplicate())
                    : new CloseWebSocketFrame(code, "");
            ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
        } finally {
            close.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        gameLoop.disconnected(peer);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException corrupt) {
            // The frame decoder now discards all input, so the client's answer is waited for in vain
            // unless it closes TCP; WebSocketConnection closes after a moment anyway.
            WebSocketCloseStatus status = corrupt.closeStatus();
            peer.close(status, status.code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
                    ? tooBig() : "protocol error " + status.code() + ": " + cause.getMessage());
        } else if (cause instanceof TooLongFrameException) {
            // A fragmented message grew past the limit in the aggregator (one big frame fails in the
            // decoder instead): wslay answers both with 1009.
            peer.close(WebSocketCloseStatus.MESSAGE_TOO_BIG, tooBig());
        } else if (cause instanceof IOException) {
            peer.noteCloseReason(cause.getMessage() != null ? cause.getMessage() : "connection lost");
            ctx.close();
        } else {
            log.warn("peer {}: closing after {}: {}", peer.id(), cause.getClass().getSimpleName(),
                    cause.getMessage());
            peer.noteCloseReason("internal error (" + cause.getClass().getSimpleName() + ")");
            ctx.close();
        }
    }

    private String tooBig() {
        return "message over " + dialect.closeAboveBytes(maxMessageBytes) + " bytes, closed with 1009";
    }
}
