package dev.godotload.server.transport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** Records every transport event, with its thread, and checks the per-peer order as it goes. */
public final class RecordingListener implements TransportListener {
    public enum Kind { CONNECTED, PACKET, DISCONNECTED }

    public record Event(Kind kind, Connection peer, byte[] packet, Thread thread) {
    }

    public final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    public final List<Event> all = new CopyOnWriteArrayList<>();
    public final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<Integer, Kind> lastKind = new ConcurrentHashMap<>();
    volatile Consumer<Connection> onConnected = peer -> { };
    volatile BiConsumer<Connection, byte[]> onPacket = (peer, packet) -> { };

    @Override
    public void peerConnected(Connection peer) {
        Kind before = lastKind.put(peer.id(), Kind.CONNECTED);
        if (before != null && before != Kind.DISCONNECTED) {
            violations.add("peer " + peer.id() + " connected after " + before);
        }
        record(new Event(Kind.CONNECTED, peer, null, Thread.currentThread()));
        onConnected.accept(peer);
    }

    @Override
    public void packetReceived(Connection peer, byte[] packet) {
        Kind before = lastKind.put(peer.id(), Kind.PACKET);
        if (before != Kind.CONNECTED && before != Kind.PACKET) {
            violations.add("peer " + peer.id() + " packet after " + before);
        }
        record(new Event(Kind.PACKET, peer, packet, Thread.currentThread()));
        onPacket.accept(peer, packet);
    }

    @Override
    public void peerDisconnected(Connection peer) {
        Kind before = lastKind.put(peer.id(), Kind.DISCONNECTED);
        if (before != Kind.CONNECTED && before != Kind.PACKET) {
            violations.add("peer " + peer.id() + " disconnected after " + before);
        }
        record(new Event(Kind.DISCONNECTED, peer, null, Thread.currentThread()));
    }

    private void record(Event event) {
        all.add(event);
        events.add(event);
    }

    /** The next event, failing after {@code timeout}. */
    public Event next(Duration timeout) throws InterruptedException {
        Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no transport event within " + timeout);
        }
        return event;
    }

    /** The next event of this kind, skipping others (kept in {@link #all}). */
    public Event next(Kind kind, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Event event = events.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no " + kind + " event within " + timeout + "; saw " + kinds());
            }
            if (event.kind() == kind) {
                return event;
            }
        }
    }

    public List<Event> of(int peerId) {
        List<Event> mine = new ArrayList<>();
        for (Event event : all) {
            if (event.peer().id() == peerId) {
                mine.add(event);
            }
        }
        return mine;
    }

    public List<Kind> kinds() {
        List<Kind> kinds = new ArrayList<>();
        for (Event event : all) {
            kinds.add(event.kind());
        }
        return kinds;
    }
}
