package dev.godotload.gatling;

import java.util.List;
import java.util.Map;

import dev.godotload.peer.PeerEvent;

/**
 * Delivery accounting for a synchronizer's SYNC: every copy of a user's state that reaches another
 * user is a row, timed from the sender's clock reading in a property the game replicates (a
 * timestamp, e.g. {@code stamp}), which is also the message's sequence. A Godot client sends its SYNC
 * to each peer that confirmed the synchronizer's path, separately, so the sender knows exactly
 * whom it sent each state to; every expected copy that never arrives is a KO at the end (see
 * {@link FanOut}). Shared by the users of a run.
 */
public final class SyncFanOut implements ReplicaHandler {
    private final FanOut fanOut;
    private final String synchronizer;
    private final String stamp;

    SyncFanOut(FanOut fanOut, String synchronizerPattern, String stampProperty) {
        this.fanOut = fanOut.asSent();
        this.synchronizer = synchronizerPattern;
        this.stamp = stampProperty;
    }

    /** The delivery figures and the end-of-run bookkeeping. */
    public FanOut fanOut() {
        return fanOut;
    }

    /** How many users will send; those who are done wait for the others before leaving. */
    public SyncFanOut participants(int users) {
        fanOut.participants(users);
        return this;
    }

    /** {@code sender} sent {@code values} of {@code path} now to {@code localRecipients} users of this injector. */
    void sent(GodotUser sender, String path, Map<String, Object> values, int localRecipients) {
        if (!isOurs(path)) {
            return;
        }
        Object s = values.containsKey(stamp) ? values.get(stamp) : values.get(".:" + stamp);
        if (s instanceof Number n) {
            fanOut.sentTo(sender, n.longValue(), localRecipients);
        }
    }

    @Override
    public void synced(GodotUser user, PeerEvent.Synced event, long receivedMillis) {
        List<PeerEvent.SyncedState> states = event.states();
        for (PeerEvent.SyncedState state : states) {
            if (!isOurs(state.synchronizer())) {
                continue;
            }
            if (state.value(stamp) instanceof Number n) {
                fanOut.onCopy(user, event.from(), n.longValue(), n.longValue(), receivedMillis);
            }
        }
    }

    /** The synchronizer this accounting is for: the path itself, or a client's where the pattern has {@code {peer}}. */
    private boolean isOurs(String path) {
        return synchronizer.equals(path) || Godot.clientAt(synchronizer, path) != 0;
    }
}
