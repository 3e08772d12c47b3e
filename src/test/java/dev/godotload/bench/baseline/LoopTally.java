package dev.godotload.bench.baseline;

/**
 * What the clients of one event loop sent and received. Written only on that loop, so counting a
 * copy takes no lock and no atomic; read through {@link #snapshot()} run on the loop.
 */
final class LoopTally {
    final LatencyHistogram latency = new LatencyHistogram();
    long sent;

    LoopTally snapshot() {
        LoopTally copy = new LoopTally();
        copy.latency.add(latency);
        copy.sent = sent;
        return copy;
    }

    void add(LoopTally other) {
        latency.add(other.latency);
        sent += other.sent;
    }
}
