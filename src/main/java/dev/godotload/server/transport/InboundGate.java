package dev.godotload.server.transport;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;

/**
 * Bounds what one peer can queue for the game loop. Godot buffers at most inbound_buffer_size bytes
 * and max_queued_packets messages per peer ahead of its main loop and otherwise stops reading the
 * socket, so TCP pushes back on a flooding client. Here the channel stops reading (auto-read off)
 * when either bound is passed and resumes once the game loop has drained both to half.
 *
 * <p>{@link #queued} and {@link #resume} run on the channel's event loop, the only writer of
 * {@code paused}; {@link #delivered} runs on the game loop.
 */
final class InboundGate {
    /** Godot's {@code max_queued_packets} default. */
    static final int MAX_QUEUED_PACKETS = 2048;

    private final Channel channel;
    private final long maxBytes;
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger packets = new AtomicInteger();
    private final AtomicBoolean resumeScheduled = new AtomicBoolean();
    private volatile boolean paused;

    InboundGate(Channel channel, long maxBytes) {
        this.channel = channel;
        this.maxBytes = maxBytes;
    }

    /** A message was handed to the game loop (channel loop). */
    void queued(int size) {
        long nowBytes = bytes.addAndGet(size);
        int nowPackets = packets.incrementAndGet();
        if (!paused && (nowBytes > maxBytes || nowPackets >= MAX_QUEUED_PACKETS)) {
            // Set before the message is submitted, so the game loop sees it when delivering it; and
            // after reading stopped, so whoever sees "paused" sees reading stopped.
            channel.config().setAutoRead(false);
            paused = true;
        }
    }

    /** The listener got a message (game loop). */
    void delivered(int size) {
        long nowBytes = bytes.addAndGet(-size);
        int nowPackets = packets.decrementAndGet();
        if (paused && drained(nowBytes, nowPackets) && resumeScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::resume);
        }
    }

    private void resume() {
        resumeScheduled.set(false);
        // More may have arrived since the game loop asked; if so its next delivery asks again.
        if (paused && drained(bytes.get(), packets.get())) {
            channel.config().setAutoRead(true);
            paused = false;
        }
    }

    private boolean drained(long nowBytes, int nowPackets) {
        return nowBytes <= maxBytes / 2 && nowPackets <= MAX_QUEUED_PACKETS / 2;
    }

    boolean paused() {
        return paused;
    }
}
