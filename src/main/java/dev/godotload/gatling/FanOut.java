package dev.godotload.gatling;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

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
 * <p>Shared by all users of a run (thread-safe); one per kind of broadcast.
 */
public final class FanOut implements PushHandler {
    private record Message(long sender, long sequence) {
    }

    private final String rowName;
    private final String lastSequenceKey;
    private final String doneKey;
    private final GatlingStats stats;
    private final ToLongFunction<PeerEvent.RpcReceived> sender;
    private final ToLongFunction<PeerEvent.RpcReceived> sentMicros;
    private final ToLongFunction<PeerEvent.RpcReceived> sequence;
    private final Map<Message, AtomicInteger> expectedByMessage = new ConcurrentHashMap<>();
    private final Map<Message, AtomicInteger> deliveredByMessage = new ConcurrentHashMap<>();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong strangers = new AtomicLong();
    private final AtomicLong echoes = new AtomicLong();
    private final AtomicInteger sendersDone = new AtomicInteger();
    private final AtomicInteger left = new AtomicInteger();
    private final AtomicLong missingRecorded = new AtomicLong(-1);
    private volatile int participants;
    /** True when the sender gets a copy too and it sets the expectation; false when an ack does ({@link #expect}). */
    private volatile boolean senderCopy = true;

    /**
     * @param rowName    the report row of deliveries, e.g. {@code chat fan-out}
     * @param sender     the sender's peer id in the pushed RPC
     * @param sentMicros the sender's {@link GodotClock} reading in the pushed RPC
     * @param sequence   the sender's own counter in the pushed RPC (1, 2, 3 …)
     */
    FanOut(String rowName, GatlingStats stats, ToLongFunction<PeerEvent.RpcReceived> sender,
            ToLongFunction<PeerEvent.RpcReceived> sentMicros, ToLongFunction<PeerEvent.RpcReceived> sequence) {
        this.rowName = rowName;
        this.lastSequenceKey = rowName + ".lastSequence";
        this.doneKey = rowName + ".done";
        this.stats = stats;
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
        GodotUser user = push.user();
        long from = sender.applyAsLong(rpc);
        Message message = new Message(from, sequence.applyAsLong(rpc));
        if (from == user.id()) {
            if (senderCopy) {
                expect(user, message.sequence());
            } else {
                echoes.incrementAndGet();
                user.record(Row.ko(rowName, push.receivedMillis(), push.receivedMillis(),
                        "copy sent back to its own sender, which the server must not do"));
            }
            return;
        }
        long start = stats.toGatlingMillis(sentMicros.applyAsLong(rpc));
        if (!user.peers().contains((int) from)) {
            strangers.incrementAndGet();
            user.record(Row.ko(rowName, start, push.receivedMillis(), "copy from peer " + from
                    + ", which the server never announced to this user"));
            return;
        }
        Map<Long, Long> lastSequence = user.state(lastSequenceKey, HashMap::new);
        Long previous = lastSequence.put(from, message.sequence());
        if (previous != null && message.sequence() <= previous) {
            duplicates.incrementAndGet();
            lastSequence.put(from, previous);
            user.record(Row.ko(rowName, start, push.receivedMillis(), "duplicate or out-of-order copy"));
            return;
        }
        deliveredByMessage.computeIfAbsent(message, m -> new AtomicInteger()).incrementAndGet();
        user.record(Row.ok(rowName, start, push.receivedMillis()));
    }

    /**
     * The sender learnt that its message {@code sequence} went out (its own copy, or an
     * acknowledgement sent at the same moment): every peer it knows now should get one copy.
     */
    void expect(GodotUser sender, long sequence) {
        expectedByMessage.computeIfAbsent(new Message(sender.id(), sequence), m -> new AtomicInteger())
                .addAndGet(sender.peers().size());
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
            long missing = missing();
            long now = stats.nowMillis();
            for (long i = 0; i < missing; i++) {
                user.record(Row.ko(rowName, now, now, "no copy arrived (the sender's peer list expected one)"));
            }
            missingRecorded.set(missing);
        }
    }

    public long expected() {
        return sum(expectedByMessage);
    }

    /** Copies that arrived once, in order, from a peer the receiver knew. */
    public long delivered() {
        long n = 0;
        for (Map.Entry<Message, AtomicInteger> e : deliveredByMessage.entrySet()) {
            AtomicInteger want = expectedByMessage.get(e.getKey());
            // copies of a message whose sender never got its own copy have no expectation to meet
            n += want == null ? 0 : Math.min(want.get(), e.getValue().get());
        }
        return n;
    }

    public long missing() {
        long n = 0;
        for (Map.Entry<Message, AtomicInteger> e : expectedByMessage.entrySet()) {
            AtomicInteger got = deliveredByMessage.get(e.getKey());
            n += Math.max(0, e.getValue().get() - (got == null ? 0 : got.get()));
        }
        return n;
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
        long n = 0;
        for (Message m : deliveredByMessage.keySet()) {
            if (!expectedByMessage.containsKey(m)) {
                n++;
            }
        }
        return n;
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
        long expected = expected();
        String ratio = expected == 0 ? "n/a (no copies were expected: one user, or a server without relay?)"
                : String.format(java.util.Locale.ROOT, "%.3f%%", ratioPercent());
        return String.format(java.util.Locale.ROOT,
                "%s delivery ratio %s: %,d of %,d expected copies arrived, %,d missing, %,d duplicate or out of order,"
                        + " %,d from unannounced peers, %,d messages without a round trip",
                rowName, ratio, delivered(), expected, missing(), duplicates(), strangers(), withoutRoundTrip())
                + (echoes() == 0 ? "" : String.format(java.util.Locale.ROOT, ", %,d sent back to their sender", echoes()));
    }

    private static long sum(Map<Message, AtomicInteger> m) {
        long n = 0;
        for (AtomicInteger v : m.values()) {
            n += v.get();
        }
        return n;
    }
}
