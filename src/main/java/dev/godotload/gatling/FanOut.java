package dev.godotload.gatling;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

import dev.godotload.peer.Audience;
import dev.godotload.peer.PeerDirectory;
import dev.godotload.peer.PeerEvent;

/**
 * Delivery accounting for a push the server sends to every connected peer, such as a chat line
 * in stress mode. Each copy that reaches another user is a row timed from the sender's clock
 * reading in the message. The sender's own copy says how many copies to expect: the server
 * writes ADD_PEER and DEL_PEER to the sender's socket in the same order as its rebroadcasts, so
 * the peers the sender knows when its own copy arrives are exactly the peers the server sent a
 * copy to. At the end, every expected copy that never arrived is a KO row, so the row's OK
 * percentage is the delivery ratio and an assertion can gate on it.
 *
 * <p>What it holds does not grow with the population per user: one record per sender, and for each
 * message still in flight a bitset of the users it reached (one bit a user). A message is let go once
 * every expected copy arrived and every earlier message of its sender is let go too; what stays is
 * exactly what a late, duplicate or out-of-order copy could still be checked against. So a
 * duplicate is a copy whose bit is set, or a copy of a message let go (all its copies had arrived);
 * an out-of-order copy is one whose receiver's bit is already set in a later message of the same
 * sender, which is still held because this one is not complete.
 *
 * <p>Shared by all users of a run (thread-safe); one per kind of broadcast.
 */
public final class FanOut implements PushHandler {
    private final String rowName;
    private final String doneKey;
    private final GatlingStats stats;
    private final PeerDirectory directory;
    private final ToLongFunction<PeerEvent.RpcReceived> sender;
    private final ToLongFunction<PeerEvent.RpcReceived> sentMicros;
    private final ToLongFunction<PeerEvent.RpcReceived> sequence;
    private final Map<Long, Sender> senders = new ConcurrentHashMap<>();
    private final AtomicLong settledExpected = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong strangers = new AtomicLong();
    private final AtomicLong echoes = new AtomicLong();
    private final AtomicLong uncalledFor = new AtomicLong();
    private final AtomicInteger sendersDone = new AtomicInteger();
    private final AtomicInteger left = new AtomicInteger();
    private final AtomicLong missingRecorded = new AtomicLong(-1);
    private volatile int participants;
    /** True when the sender gets a copy too and it sets the expectation; false when an ack does ({@link #expect}). */
    private volatile boolean senderCopy = true;
    /** False when the server sends each message back to its sender only: no other copy is expected. */
    private volatile boolean othersGetCopies = true;
    /** False when the server tells no client of another (server relay off): copies are timed, not judged. */
    private volatile boolean announced = true;
    private final AtomicLong unjudged = new AtomicLong();
    private final AtomicLong fromOtherInjectors = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    /** Copies to a peer the sender may not have heard of yet when it sent (expectation at send time only). */
    private final AtomicLong unforeseen = new AtomicLong();
    /** True when the expectation is the sender's peer list as it sends ({@link #sent}), which can lag the server's. */
    private volatile boolean expectedAsSent;

    /** One message of a sender: how many copies the sender's peer list expects, and who got one. */
    private static final class Message {
        /** -1 until the sender learnt that the message went out and who of ours it reaches is known. */
        int expected = -1;
        /** Set between the two: the sender learnt it, but a peer it knows may still be one of ours connecting. */
        Audience undecided;
        int delivered;
        long[] reached = new long[0];

        void expect(Audience audience, PeerDirectory directory) {
            undecided = audience;
            decide(directory, false);
        }

        /** Turns the audience into a count once it is known; {@code last}: every user of the run connected or gave up. */
        void decide(PeerDirectory directory, boolean last) {
            if (undecided != null) {
                int n = undecided.resolve(directory, last);
                if (n >= 0) {
                    expected = n;
                    undecided = null;
                }
            }
        }

        boolean reached(int user) {
            return (user >>> 6) < reached.length && (reached[user >>> 6] & (1L << user)) != 0;
        }

        void reach(int user) {
            if ((user >>> 6) >= reached.length) {
                reached = Arrays.copyOf(reached, Math.max((user >>> 6) + 1, reached.length * 2));
            }
            reached[user >>> 6] |= 1L << user;
            delivered++;
        }

        boolean complete() {
            return expected >= 0 && delivered >= expected;
        }
    }

    /** A sender's messages still held, by sequence; everything below {@code settledBelow} was let go. */
    private static final class Sender {
        final TreeMap<Long, Message> held = new TreeMap<>();
        long settledBelow = Long.MIN_VALUE;

        /** Lets go of complete messages from the oldest on, up to the first that is not. */
        long settle(PeerDirectory directory) {
            long expected = 0;
            while (!held.isEmpty()) {
                Message first = held.firstEntry().getValue();
                first.decide(directory, false);
                if (!first.complete()) {
                    break;
                }
                Map.Entry<Long, Message> done = held.pollFirstEntry();
                expected += done.getValue().expected;
                settledBelow = done.getKey() + 1;
            }
            return expected;
        }
    }

    /**
     * @param rowName    the report row of deliveries, e.g. {@code chat fan-out}
     * @param sender     the sender's peer id in the pushed RPC
     * @param sentMicros the sender's {@link GodotClock} reading in the pushed RPC
     * @param sequence   the sender's own counter in the pushed RPC, increasing with each message
     */
    FanOut(String rowName, GatlingStats stats, PeerDirectory directory, ToLongFunction<PeerEvent.RpcReceived> sender,
            ToLongFunction<PeerEvent.RpcReceived> sentMicros, ToLongFunction<PeerEvent.RpcReceived> sequence) {
        this.rowName = rowName;
        this.doneKey = rowName + ".done";
        this.stats = stats;
        this.directory = directory;
        this.sender = sender;
        this.sentMicros = sentMicros;
        this.sequence = sequence;
    }

    public String rowName() {
        return rowName;
    }

    /** How many users of the run will send; those who are done wait for the rest before leaving. */
    public FanOut participants(int users) {
        this.participants = users;
        return this;
    }

    @Override
    public void onPush(Push push) {
        PeerEvent.RpcReceived rpc = push.rpc();
        onCopy(push.user(), sender.applyAsLong(rpc), sequence.applyAsLong(rpc), sentMicros.applyAsLong(rpc),
                push.receivedMillis());
    }

    /**
     * One copy of message {@code seq} of peer {@code from} reached {@code user} at {@code receivedMillis}
     * (Gatling's clock); {@code sentMicros} is the sender's {@link GodotClock} reading in it.
     */
    void onCopy(GodotUser user, long from, long seq, long sentMicros, long receivedMillis) {
        received.incrementAndGet();
        if (from == user.id()) {
            if (senderCopy) {
                expect(user, seq);
            } else {
                echoes.incrementAndGet();
                user.record(Row.ko(rowName, receivedMillis, receivedMillis,
                        "copy sent back to its own sender, which the server must not do"));
            }
            return;
        }
        long start = stats.toGatlingMillis(sentMicros);
        if (!othersGetCopies) {
            uncalledFor.incrementAndGet();
            user.record(Row.ko(rowName, start, receivedMillis, "a copy reached another user, but the run was told "
                    + "the server sends each message back to its sender only (-Dgodot.stressMode=off)"));
            return;
        }
        if (!announced) {
            unjudged.incrementAndGet();
            user.record(Row.ok(rowName, start, receivedMillis));
            return;
        }
        if (!user.knows((int) from)) {
            strangers.incrementAndGet();
            user.record(Row.ko(rowName, start, receivedMillis, "copy from peer " + from
                    + ", which the server never announced to this user"));
            return;
        }
        if (!directory.isLocal((int) from)) {
            // its expectation is known only at the sender's injector, its arrival only here
            fromOtherInjectors.incrementAndGet();
            user.record(Row.ok(rowName, start, receivedMillis));
            return;
        }
        Delivery d = deliver(from, seq, user.index());
        if (d == Delivery.REPEATED) {
            duplicates.incrementAndGet();
            user.record(Row.ko(rowName, start, receivedMillis, "duplicate or out-of-order copy"));
            return;
        }
        if (d == Delivery.UNFORESEEN) {
            unforeseen.incrementAndGet();
        }
        user.record(Row.ok(rowName, start, receivedMillis));
    }

    private enum Delivery { NEW, REPEATED, UNFORESEEN }

    /** Marks message {@code seq} of {@code from} as reached {@code user}. */
    private Delivery deliver(long from, long seq, int user) {
        Sender s = senders.computeIfAbsent(from, f -> new Sender());
        synchronized (s) {
            if (seq < s.settledBelow) {
                // every copy it was sent for had arrived already; with an expectation taken as the sender
                // sent, the server may have known a peer the sender did not yet: such a copy is no error
                return expectedAsSent ? Delivery.UNFORESEEN : Delivery.REPEATED;
            }
            if (!s.held.isEmpty() && s.held.lastKey() > seq) { // usually the newest message: nothing later to look at
                for (Message later : s.held.tailMap(seq, false).values()) {
                    if (later.reached(user)) {
                        return Delivery.REPEATED;
                    }
                }
            }
            Message m = s.held.computeIfAbsent(seq, k -> new Message());
            if (m.reached(user)) {
                return Delivery.REPEATED;
            }
            m.reach(user);
            settledExpected.addAndGet(s.settle(directory));
            return Delivery.NEW;
        }
    }

    /**
     * The sender learnt that its message {@code sequence} went out (its own copy, or an
     * acknowledgement sent at the same moment): every peer it knows now that is a user of this
     * injector should get one copy.
     */
    void expect(GodotUser sender, long sequence) {
        if (!announced) {
            return;
        }
        Sender s = senders.computeIfAbsent((long) sender.id(), f -> new Sender());
        synchronized (s) {
            Message m = s.held.computeIfAbsent(sequence, k -> new Message());
            m.expect(othersGetCopies ? sender.audience() : Audience.NOBODY, directory);
            settledExpected.addAndGet(s.settle(directory));
        }
    }

    /**
     * The server sends each message back to its sender only (a chat server with stress mode off): the
     * round trips are measured and no fan-out copy is expected. A copy that reaches another user all the
     * same is a KO row saying so: the run was told something of the server that is not true.
     */
    public FanOut senderOnly() {
        this.othersGetCopies = false;
        return this;
    }

    /**
     * The server tells no client of another (Godot 4's {@code server_relay} off): a user cannot know
     * who should get a copy, nor tell a copy from an unannounced peer. Each copy that arrives is a
     * timed OK row; how many were expected, which are missing, duplicated or out of order, cannot be
     * known from the clients, and nothing is kept per message.
     */
    FanOut unannounced() {
        this.announced = false;
        return this;
    }

    /**
     * For a push with neither a sender's copy nor an acknowledgement (a pose): {@code sender} is
     * sending message {@code sequence} now, so every peer it knows now that is a user of this
     * injector should get a copy. Call it while building the message, after the drain before the send.
     * A peer that joins meanwhile may get a copy no one expected (counted, never a KO); a peer that
     * leaves meanwhile is a missing copy, so users stop sending before anyone leaves.
     */
    public void sent(GodotUser sender, long sequence) {
        expect(sender, sequence);
    }

    /**
     * For a message sent to each recipient separately (a synchronizer's SYNC): {@code sender} sent
     * message {@code sequence} now to {@code localRecipients} users of this injector.
     */
    void sentTo(GodotUser sender, long sequence, int localRecipients) {
        if (!announced) {
            return;
        }
        Sender s = senders.computeIfAbsent((long) sender.id(), f -> new Sender());
        synchronized (s) {
            Message m = s.held.computeIfAbsent(sequence, k -> new Message());
            m.expected = localRecipients;
            settledExpected.addAndGet(s.settle(directory));
        }
    }

    /** The expectation is taken as the sender sends ({@link #sent}); the sender gets no copy. */
    FanOut asSent() {
        this.expectedAsSent = true;
        return toOthersOnly();
    }

    /** The sender gets no copy; {@link #expect} is called by the acknowledgement's handler. */
    FanOut toOthersOnly() {
        this.senderCopy = false;
        return this;
    }

    /** Marks this user as done sending (idempotent per user). */
    void senderDone(GodotUser user) {
        if (user.next(doneKey) == 1) {
            sendersDone.incrementAndGet();
        }
    }

    /** True once every participant is done sending (or there are no participants set). */
    public boolean everyoneDone() {
        return sendersDone.get() >= participants;
    }

    /**
     * The user leaves; the last one to leave records a KO row for every expected copy that never
     * arrived (they are only known once everybody has drained).
     */
    void leave(GodotUser user) {
        if (participants > 0 && left.incrementAndGet() == participants) {
            forEachHeld(m -> m.decide(directory, true));
            long missing = missing();
            long now = stats.nowMillis();
            for (long i = 0; i < missing; i++) {
                user.record(Row.ko(rowName, now, now, "no copy arrived (the sender's peer list expected one)"));
            }
            missingRecorded.set(missing);
        }
    }

    private void forEachHeld(java.util.function.Consumer<Message> f) {
        for (Sender s : senders.values()) {
            synchronized (s) {
                s.held.values().forEach(f);
            }
        }
    }

    /** Sums over the messages still held (a few, unless copies went missing). */
    private long sumHeld(java.util.function.ToLongFunction<Message> f) {
        long n = 0;
        for (Sender s : senders.values()) {
            synchronized (s) {
                for (Message m : s.held.values()) {
                    n += f.applyAsLong(m);
                }
            }
        }
        return n;
    }

    public long expected() {
        return settledExpected.get() + sumHeld(m -> Math.max(0, m.expected));
    }

    /** Copies that arrived once, in order, from a peer the receiver knew (no more than expected per message). */
    public long delivered() {
        return settledExpected.get() + sumHeld(m -> m.expected < 0 ? 0 : Math.min(m.expected, m.delivered));
    }

    public long missing() {
        return sumHeld(m -> m.expected < 0 ? 0 : Math.max(0, m.expected - m.delivered));
    }

    /** Messages held because a copy is still missing or the sender never learnt it went out. */
    public long held() {
        return sumHeld(m -> 1);
    }

    public long duplicates() {
        return duplicates.get();
    }

    /** Copies from peers the receiver had not been told about. */
    public long strangers() {
        return strangers.get();
    }

    /** Copies that reached their own sender when only the others should get one. */
    public long echoes() {
        return echoes.get();
    }

    /** Messages copies arrived for whose sender never saw its own copy (its round trip timed out). */
    public long withoutRoundTrip() {
        return sumHeld(m -> m.expected < 0 && m.undecided == null && m.delivered > 0 ? 1 : 0);
    }

    /**
     * Copies from users of other injector JVMs sharing the server: timed, not judged, since only the
     * sender's injector knows who should get one and only this one sees them arrive.
     */
    public long fromOtherInjectors() {
        return fromOtherInjectors.get();
    }

    /** Every copy that reached a user of this injector, its own included, judged or not. */
    public long received() {
        return received.get();
    }

    /** Delivered / expected, in percent; NaN when nothing was expected. */
    public double ratioPercent() {
        long expected = expected();
        return expected == 0 ? Double.NaN : 100.0 * delivered() / expected;
    }

    /** Whether the missing copies were recorded as KO rows (the last user left normally). */
    public boolean missingRecorded() {
        return missingRecorded.get() >= 0;
    }

    /** One line for the console at the end of a run. */
    public String summary() {
        if (!announced) {
            return String.format(java.util.Locale.ROOT, "%s: %,d copies arrived and were timed; with server relay off no"
                    + " client is told of another, so how many were expected, and whether any was lost, duplicated or"
                    + " out of order, cannot be known from the clients", rowName, unjudged.get());
        }
        long expected = expected();
        String ratio = !othersGetCopies ? "n/a (the server sends each message back to its sender only)"
                : expected == 0 ? "n/a (no copies were expected: one user, or a server without relay?)"
                : String.format(java.util.Locale.ROOT, "%.3f%%", ratioPercent());
        return String.format(java.util.Locale.ROOT,
                "%s delivery ratio %s: %,d of %,d expected copies arrived, %,d missing, %,d duplicate or out of order,"
                        + " %,d from unannounced peers, %,d messages without a round trip",
                rowName, ratio, delivered(), expected, missing(), duplicates(), strangers(), withoutRoundTrip())
                + (unforeseen.get() == 0 ? "" : String.format(java.util.Locale.ROOT, ", %,d more to peers their sender"
                        + " had not heard of yet (it expects copies for the peers it knows as it sends)", unforeseen.get()))
                + (echoes() == 0 ? "" : String.format(java.util.Locale.ROOT, ", %,d sent back to their sender", echoes()))
                + (uncalledFor.get() == 0 ? "" : String.format(java.util.Locale.ROOT,
                        ", %,d sent to other users by a server said to send back to the sender only", uncalledFor.get()))
                + (fromOtherInjectors() == 0 ? "" : String.format(java.util.Locale.ROOT, "; %,d more copies came from"
                        + " users of other injectors (timed, not judged: this injector cannot know who they were sent to),"
                        + " %,d copies reached this injector's users in all", fromOtherInjectors(), received()));
    }
}
