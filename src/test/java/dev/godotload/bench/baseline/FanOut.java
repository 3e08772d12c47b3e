package dev.godotload.bench.baseline;

import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;

/**
 * Sends one encoded frame to every open connection. The connections are split by the event loop
 * they live on and each loop writes only to its own, so a message costs one hand-off per other
 * loop, not one per recipient, and no write ever crosses threads. Each loop flushes its
 * connections once per batch of messages (a task queued behind the batch), so a busy server makes
 * one write syscall per connection for many messages.
 */
final class FanOut {
    private final Map<EventExecutor, Shard> shards = new IdentityHashMap<>();
    private final Shard[] all;

    FanOut(EventLoopGroup loops) {
        for (EventExecutor loop : loops) {
            shards.put(loop, new Shard((EventLoop) loop));
        }
        all = shards.values().toArray(new Shard[0]);
    }

    /** On the channel's own loop. */
    void join(Channel channel) {
        shards.get(channel.eventLoop()).join(channel);
    }

    /** On the channel's own loop. */
    void leave(Channel channel) {
        shards.get(channel.eventLoop()).leave(channel);
    }

    /** On {@code origin}'s loop; takes over one reference to {@code frame}. */
    void publish(EventLoop origin, ByteBuf frame) {
        Shard local = null;
        for (Shard shard : all) {
            if (shard.loop == origin) {
                local = shard;
            } else {
                frame.retain();
                shard.loop.execute(() -> shard.deliver(frame));
            }
        }
        if (local != null) {
            local.deliver(frame);
        } else {
            frame.release();
        }
    }

    /** The connections of one loop; touched only on that loop. */
    private static final class Shard {
        final EventLoop loop;
        // Copied on join and leave (rare) so delivering (every message) walks a plain array that a
        // connection closing mid-walk cannot change.
        private Channel[] members = new Channel[0];
        private boolean flushQueued;

        Shard(EventLoop loop) {
            this.loop = loop;
        }

        void join(Channel channel) {
            members = Arrays.copyOf(members, members.length + 1);
            members[members.length - 1] = channel;
        }

        void leave(Channel channel) {
            for (int i = 0; i < members.length; i++) {
                if (members[i] == channel) {
                    Channel[] fewer = new Channel[members.length - 1];
                    System.arraycopy(members, 0, fewer, 0, i);
                    System.arraycopy(members, i + 1, fewer, i, fewer.length - i);
                    members = fewer;
                    return;
                }
            }
        }

        void deliver(ByteBuf frame) {
            try {
                Channel[] to = members;
                for (Channel channel : to) {
                    channel.write(frame.retainedDuplicate(), channel.voidPromise());
                }
                if (to.length > 0 && !flushQueued) {
                    flushQueued = true;
                    loop.execute(this::flush);
                }
            } finally {
                frame.release();
            }
        }

        private void flush() {
            flushQueued = false;
            for (Channel channel : members) {
                channel.flush();
            }
        }
    }
}
