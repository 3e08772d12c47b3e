package dev.godotload.faults;

import java.util.concurrent.atomic.LongAdder;

/** What the proxy did so far, counted from every event loop. */
final class ProxyCounters {
    final LongAdder connections = new LongAdder();
    final LongAdder unreachable = new LongAdder();
    final LongAdder bytesUp = new LongAdder();
    final LongAdder bytesDown = new LongAdder();
    final LongAdder resets = new LongAdder();

    FaultProxyStats snapshot() {
        return new FaultProxyStats(connections.sum(), unreachable.sum(), bytesUp.sum(), bytesDown.sum(), resets.sum());
    }
}
