package dev.godotload.server.transport;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** The transport's cumulative counters; written from channel loops and the game loop. */
final class TransportCounters {
    private final AtomicInteger peers = new AtomicInteger();
    private final LongAdder packetsIn = new LongAdder();
    private final LongAdder packetsOut = new LongAdder();
    private final LongAdder bytesIn = new LongAdder();
    private final LongAdder bytesOut = new LongAdder();
    private final LongAdder droppedOutbound = new LongAdder();

    int peerJoined() {
        return peers.incrementAndGet();
    }

    int peerLeft() {
        return peers.decrementAndGet();
    }

    void received(int bytes) {
        packetsIn.increment();
        bytesIn.add(bytes);
    }

    void sent(int bytes) {
        packetsOut.increment();
        bytesOut.add(bytes);
    }

    void dropped() {
        droppedOutbound.increment();
    }

    TransportStats snapshot(long queuedOutBytes, long queuedOutMaxBytes, long loopLagMicros) {
        return new TransportStats(peers.get(), packetsIn.sum(), packetsOut.sum(), bytesIn.sum(), bytesOut.sum(),
                droppedOutbound.sum(), queuedOutBytes, queuedOutMaxBytes, loopLagMicros);
    }
}
