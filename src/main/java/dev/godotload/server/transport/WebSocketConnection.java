package dev.godotload.server.transport;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.internal.PlatformDependent;

/** One open WebSocket connection with its Godot peer id. Thread-safe. */
final class WebSocketConnection implements Connection {
    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

    /** How long a close frame we sent may wait for the client's answer before TCP is closed anyway. */
    static final long CLOSE_REPLY_MILLIS = 1000;

    private final int id;
    private final Channel channel;
    private final String remoteAddress;
    private final long outboundLimit;
    private final TransportCounters counters;
    private final InboundGate inbound;
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicReference<String> closeReason = new AtomicReference<>();
    /** Packets handed over by the game loop, written by the channel's event loop. */
    private final Queue<ByteBuf> outbox = PlatformDependent.newMpscQueue();
    private final AtomicBoolean writeScheduled = new AtomicBoolean();

    WebSocketConnection(int id, Channel channel, TransportOptions options, TransportCounters counters) {
        this.id = id;
        this.channel = channel;
        this.remoteAddress = format(channel.remoteAddress());
        this.outboundLimit = options.outboundBufferBytes();
        this.counters = counters;
        this.inbound = new InboundGate(channel, options.maxMessageBytes());
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean send(ByteBuf packet) {
        int size = packet.readableBytes();
        if (closing.get() || !channel.isActive()) {
            packet.release();
            return false;
        }
        if (!reserve(size)) {
            packet.release();
            counters.dropped();
            if (dropped.getAndIncrement() == 0) {
                log.warn("peer {}: outbound buffer full ({} bytes), dropping packets", id, outboundLimit);
            } else {
                log.debug("peer {}: dropped a {}-byte packet", id, size);
            }
            return false;
        }
        outbox.offer(packet);
        if (writeScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(this::writeQueued);
            } catch (RejectedExecutionException shuttingDown) {
                discardQueued();
                return false;
            }
        }
        return true;
    }

    /**
     * On the channel's event loop: writes every packet queued since the last run and flushes once.
     * A broadcast hands each peer its packets from the game loop; one hop and one flush (one
     * syscall) per batch instead of per packet is what keeps a 1,000-peer fan-out cheap.
     */
    private void writeQueued() {
        writeScheduled.set(false); // before polling: a packet offered after this schedules another run
        ByteBuf packet;
        int n = 0;
        while ((packet = outbox.poll()) != null) {
            int size = packet.readableBytes();
            // The frame owns the buffer now; Netty releases it when written or when the write fails.
            channel.write(new BinaryWebSocketFrame(packet)).addListener(future -> {
                queuedBytes.addAndGet(-size);
                if (future.isSuccess()) {
                    counters.sent(size);
                }
            });
            n++;
        }
        if (n > 0) {
            channel.flush();
        }
    }

    private void discardQueued() {
        ByteBuf packet;
        while ((packet = outbox.poll()) != null) {
            queuedBytes.addAndGet(-packet.readableBytes());
            packet.release();
        }
    }

    /** Godot's put_packet: refuse when queued-but-unsent bytes plus this packet exceed the buffer. */
    private boolean reserve(int size) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            long queued = queuedBytes.get();
            if (queued + size > outboundLimit) {
                return false;
            }
            if (queuedBytes.compareAndSet(queued, queued + size)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        close(WebSocketCloseStatus.NORMAL_CLOSURE, "closed by server");
    }

    /**
     * Starts the closing handshake: a close frame with {@code status}, then TCP closes when the client
     * answers it (or closes TCP itself), at the latest after {@link #CLOSE_REPLY_MILLIS}. Closing
     * TCP at once would reset a client still sending (its unread bytes turn the FIN into an RST),
     * and it could lose our close frame with them. Only the first call does anything.
     *
     * @param reason for the disconnect's log line; the frame carries no reason, as Godot's and wslay's do not
     */
    void close(WebSocketCloseStatus status, String reason) {
        close(status, reason, "");
    }

    /** Like {@link #close(WebSocketCloseStatus, String)}, with {@code frameReason} in the close frame for the client. */
    void close(WebSocketCloseStatus status, String reason, String frameReason) {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        noteCloseReason(reason);
        ChannelFutureListener closeLater = sent -> {
            if (!sent.isSuccess()) {
                sent.channel().close();
                return;
            }
            try {
                sent.channel().eventLoop().schedule(() -> sent.channel().close(), CLOSE_REPLY_MILLIS,
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException shuttingDown) {
                sent.channel().close();
            }
        };
        channel.writeAndFlush(new CloseWebSocketFrame(status.code(), frameReason)).addListener(closeLater);
    }

    /** Marks the closing handshake as started; false if it already was. */
    boolean startClosing() {
        return closing.compareAndSet(false, true);
    }

    /** Once closing, nothing more is delivered or sent (Godot: the peer is no longer OPEN). */
    boolean closing() {
        return closing.get();
    }

    /** The first reason given wins: later ones are consequences (e.g. the reset after a close). */
    void noteCloseReason(String reason) {
        closeReason.compareAndSet(null, reason);
    }

    String closeReason() {
        String reason = closeReason.get();
        return reason != null ? reason : "connection lost (no close frame)";
    }

    /** Bytes sent and not yet written to the socket: what Godot's outbound_buffer_size bounds. */
    long queuedBytes() {
        return queuedBytes.get();
    }

    long droppedPackets() {
        return dropped.get();
    }

    InboundGate inbound() {
        return inbound;
    }

    Channel channel() {
        return channel;
    }

    static String format(SocketAddress address) {
        if (address instanceof InetSocketAddress inet) {
            String host = inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    @Override
    public String toString() {
        return "peer " + id + " (" + remoteAddress + ")";
    }
}
