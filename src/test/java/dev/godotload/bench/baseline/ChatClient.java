package dev.godotload.bench.baseline;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;

/**
 * One chat user, the last handler of its connection. Once told to start it says its lines about
 * every interval (each gap drawn from [0.5, 1.5] × interval, as our chat simulation paces), and it
 * times every copy that comes back, its own and everyone else's. Everything runs on the
 * connection's event loop.
 */
final class ChatClient extends SimpleChannelInboundHandler<BinaryWebSocketFrame> {
    private final int index;
    private final ClientOptions options;
    private final Progress progress;
    private final LoopTally tally;
    private ChannelHandlerContext ctx;
    private int said;
    private long received;
    private boolean leaving;

    ChatClient(int index, ClientOptions options, Progress progress, LoopTally tally) {
        this.index = index;
        this.options = options;
        this.progress = progress;
        this.tally = tally;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            progress.connected();
        } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
            progress.fail("user " + index + ": WebSocket handshake timed out");
        }
        super.userEventTriggered(ctx, evt);
    }

    /** Null until the connection has its pipeline. */
    Channel channel() {
        return ctx == null ? null : ctx.channel();
    }

    /** From any thread, once every user is connected. */
    void start() {
        ctx.executor().execute(this::scheduleNextLine);
    }

    /** From any thread: closes the connection (close frame, then TCP), which is no failure from now on. */
    void leave() {
        ctx.executor().execute(() -> {
            leaving = true;
            ctx.channel().close();
        });
    }

    private void scheduleNextLine() {
        long gap = options.interval().toNanos();
        long jittered = gap / 2 + (gap == 0 ? 0 : ThreadLocalRandom.current().nextLong(gap + 1));
        ctx.executor().schedule(this::sayLine, jittered, TimeUnit.NANOSECONDS);
    }

    private void sayLine() {
        if (leaving || !ctx.channel().isActive()) {
            return;
        }
        ByteBuf line = ctx.alloc().buffer(ChatLine.SIZE);
        ChatLine.write(line, index, said, WallClock.micros());
        ctx.writeAndFlush(new BinaryWebSocketFrame(line), ctx.voidPromise());
        tally.sent++;
        if (++said < options.messages()) {
            scheduleNextLine();
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, BinaryWebSocketFrame frame) {
        tally.latency.record(WallClock.micros() - ChatLine.sentMicros(frame.content()));
        if (++received == options.copiesPerUser()) {
            progress.complete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (!leaving) {
            progress.fail("user " + index + ": connection closed by the server");
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!leaving) {
            progress.fail("user " + index + ": " + cause);
        }
        ctx.close();
    }
}
