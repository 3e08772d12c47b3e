package dev.godotload.bench.baseline;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * The server's last handler: a connection joins the fan-out once its upgrade is done and leaves
 * it when closed; every binary message it sends goes to all, itself included.
 */
@Sharable
final class BroadcastHandler extends SimpleChannelInboundHandler<BinaryWebSocketFrame> {
    private final FanOut fanOut;

    BroadcastHandler(FanOut fanOut) {
        this.fanOut = fanOut;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            fanOut.join(ctx.channel());
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fanOut.leave(ctx.channel());
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, BinaryWebSocketFrame frame) {
        fanOut.publish(ctx.channel().eventLoop(), ServerFrame.binary(ctx.alloc(), frame.content()));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a client that resets instead of closing is not news to a load test's server
        ctx.close();
    }
}
