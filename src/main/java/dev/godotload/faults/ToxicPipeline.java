package dev.godotload.faults;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.ScheduledFuture;

/**
 * One direction of one proxied connection: chunks read from {@code source} pass the toxics in
 * order and are written to {@code destination}. Everything runs on the connection's event loop, so
 * the stages need no locks. A close of the source travels as the last item, behind the data still
 * held, so a delayed link also delays its close.
 *
 * <p>Back pressure: while more than {@value #HIGH_WATER} bytes are held in the stages, or the
 * destination's own buffer is full, the source is not read, so a slow toxic slows the sender down
 * as a slow network would, and a proxy with thousands of users holds bounded memory.
 */
final class ToxicPipeline {
    static final int HIGH_WATER = 256 * 1024;
    static final int LOW_WATER = 64 * 1024;

    private final Channel source;
    private final Channel destination;
    private final ProxiedConnection connection;
    private final LongAdder bytes;
    private final Stage head;
    private final List<Runnable> starts = new ArrayList<>();
    private final List<Held> holding = new ArrayList<>();
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private long held;

    ToxicPipeline(List<Toxic> toxics, Channel source, Channel destination, ProxiedConnection connection, LongAdder bytes) {
        this.source = source;
        this.destination = destination;
        this.connection = connection;
        this.bytes = bytes;
        Stage next = new Sink();
        for (int i = toxics.size() - 1; i >= 0; i--) {
            next = stage(toxics.get(i), next);
        }
        this.head = next;
    }

    private Stage stage(Toxic toxic, Stage next) {
        if (toxic instanceof Toxic.Latency l) {
            return new Delay(l, next);
        } else if (toxic instanceof Toxic.Bandwidth b) {
            return new RateLimit(b, next);
        } else if (toxic instanceof Toxic.Slicer s) {
            return new Slices(s, next);
        } else if (toxic instanceof Toxic.LimitData d) {
            return new Limit(d.bytes(), next);
        } else if (toxic instanceof Toxic.Timeout t) {
            if (!t.after().isZero()) {
                starts.add(() -> later(t.after(), connection::close));
            }
            return new BlackHole();
        } else if (toxic instanceof Toxic.ResetPeer r) {
            starts.add(() -> later(r.after(), () -> connection.reset(destination)));
            return next;
        }
        throw new IllegalArgumentException("no stage for " + toxic);
    }

    /** The connection to the server is open: data may flow, and the toxics' clocks (reset_peer, timeout) run. */
    void start() {
        starts.forEach(Runnable::run);
    }

    /** A chunk read from the source; this pipeline owns it now. */
    void read(ByteBuf chunk) {
        int n = chunk.readableBytes();
        bytes.add(n);
        held += n;
        head.data(chunk);
        throttle();
    }

    /** The source closed. */
    void end() {
        head.end();
    }

    /** Reads the source only while the stages and the destination have room (with a gap, so it does not flap). */
    void throttle() {
        if (!source.isActive()) {
            return;
        }
        boolean reading = source.config().isAutoRead();
        if (reading && (held > HIGH_WATER || !destination.isWritable())) {
            source.config().setAutoRead(false);
        } else if (!reading && held <= LOW_WATER && destination.isWritable()) {
            source.config().setAutoRead(true);
        }
    }

    /** Both sockets are closed: what is still held can go nowhere. */
    void dispose() {
        timers.forEach(t -> t.cancel(false));
        holding.forEach(Held::dispose);
    }

    /** {@code after} counts from the moment the user connected, not from when this connection got ready. */
    private void later(Duration after, Runnable task) {
        long wait = connection.openedNanos() + after.toNanos() - System.nanoTime();
        timers.add(source.eventLoop().schedule(task, Math.max(0, wait), TimeUnit.NANOSECONDS));
    }

    private void gone(ByteBuf chunk) {
        held -= chunk.readableBytes();
        chunk.release();
    }

    private interface Stage {
        void data(ByteBuf chunk);

        void end();
    }

    /** The last stage: writes each piece on its own, so the toxics' timing and sizes reach the socket. */
    private final class Sink implements Stage {
        @Override
        public void data(ByteBuf chunk) {
            held -= chunk.readableBytes();
            destination.writeAndFlush(chunk, destination.voidPromise());
            throttle();
        }

        @Override
        public void end() {
            destination.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /**
     * A stage that lets each item go at a given time, never before the item ahead of it: a FIFO with
     * one timer for its head, which keeps the order even when jitter draws a shorter delay.
     */
    private abstract class Held implements Stage {
        private record Item(long due, ByteBuf chunk) {
        }

        private final Stage next;
        private final ArrayDeque<Item> queue = new ArrayDeque<>();
        private long lastDue = Long.MIN_VALUE;
        private ScheduledFuture<?> wake;

        Held(Stage next) {
            this.next = next;
            holding.add(this);
        }

        /** When the last item is due to leave ({@link Long#MIN_VALUE} before the first). */
        final long lastDue() {
            return lastDue;
        }

        /** Lets {@code chunk} (null: the close) go at {@code due} (System.nanoTime), or after the one ahead. */
        final void release(long due, ByteBuf chunk) {
            lastDue = Math.max(due, lastDue);
            if (queue.isEmpty() && lastDue - System.nanoTime() <= 0) {
                pass(chunk);
                return;
            }
            queue.add(new Item(lastDue, chunk));
            if (wake == null) {
                schedule();
            }
        }

        private void schedule() {
            wake = source.eventLoop().schedule(this::wake, queue.peek().due() - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        private void wake() {
            wake = null;
            long now = System.nanoTime();
            while (!queue.isEmpty() && queue.peek().due() - now <= 0) {
                pass(queue.poll().chunk());
            }
            if (!queue.isEmpty()) {
                schedule();
            }
        }

        private void pass(ByteBuf chunk) {
            if (chunk == null) {
                next.end();
            } else {
                next.data(chunk);
            }
        }

        final void dispose() {
            if (wake != null) {
                wake.cancel(false);
                wake = null;
            }
            for (Item i : queue) {
                if (i.chunk() != null) {
                    gone(i.chunk());
                }
            }
            queue.clear();
        }
    }

    private final class Delay extends Held {
        private final long delay;
        private final long jitter;

        Delay(Toxic.Latency latency, Stage next) {
            super(next);
            this.delay = latency.delay().toNanos();
            this.jitter = latency.jitter().toNanos();
        }

        private long due() {
            long d = jitter == 0 ? delay : delay + ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
            return System.nanoTime() + d;
        }

        @Override
        public void data(ByteBuf chunk) {
            release(due(), chunk);
        }

        @Override
        public void end() {
            release(due(), null);
        }
    }

    /** Each piece leaves when the link would have finished sending it; pieces of 10 ms keep the flow smooth. */
    private final class RateLimit extends Held {
        private final double nanosPerByte;
        private final int piece;

        RateLimit(Toxic.Bandwidth bandwidth, Stage next) {
            super(next);
            this.nanosPerByte = 1e9 / bandwidth.bytesPerSecond();
            this.piece = (int) Math.max(1, Math.min(64 * 1024, bandwidth.bytesPerSecond() / 100));
        }

        @Override
        public void data(ByteBuf chunk) {
            while (chunk.readableBytes() > 0) {
                ByteBuf p = chunk.readRetainedSlice(Math.min(piece, chunk.readableBytes()));
                long start = Math.max(System.nanoTime(), lastDue());
                release(start + Math.round(p.readableBytes() * nanosPerByte), p);
            }
            chunk.release();
        }

        @Override
        public void end() {
            release(System.nanoTime(), null);
        }
    }

    private final class Slices extends Held {
        private final int average;
        private final int variation;
        private final long delay;

        Slices(Toxic.Slicer slicer, Stage next) {
            super(next);
            this.average = slicer.averageSize();
            this.variation = slicer.sizeVariation();
            this.delay = slicer.delay().toNanos();
        }

        @Override
        public void data(ByteBuf chunk) {
            long now = System.nanoTime();
            long at = lastDue() == Long.MIN_VALUE ? now : Math.max(now, lastDue() + delay);
            while (chunk.readableBytes() > 0) {
                int size = variation == 0 ? average
                        : average + ThreadLocalRandom.current().nextInt(-variation, variation + 1);
                release(at, chunk.readRetainedSlice(Math.min(size, chunk.readableBytes())));
                at += delay;
            }
            chunk.release();
        }

        @Override
        public void end() {
            release(System.nanoTime(), null);
        }
    }

    /** limit_data: the first bytes pass, then the way is closed; what comes after is dropped. */
    private final class Limit implements Stage {
        private final Stage next;
        private long left;
        private boolean closed;

        Limit(long bytes, Stage next) {
            this.next = next;
            this.left = bytes;
        }

        @Override
        public void data(ByteBuf chunk) {
            if (closed) {
                gone(chunk);
                return;
            }
            if (chunk.readableBytes() < left) {
                left -= chunk.readableBytes();
                next.data(chunk);
                return;
            }
            ByteBuf last = chunk.readRetainedSlice((int) left);
            gone(chunk);
            left = 0;
            closed = true;
            if (last.readableBytes() > 0) {
                next.data(last);
            } else {
                last.release();
            }
            next.end();
        }

        @Override
        public void end() {
            if (!closed) {
                closed = true;
                next.end();
            }
        }
    }

    /** timeout: nothing passes, not even the close. */
    private final class BlackHole implements Stage {
        @Override
        public void data(ByteBuf chunk) {
            gone(chunk);
        }

        @Override
        public void end() {
        }
    }
}
