package dev.godotload.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.godotload.gatling.Godot;
import dev.godotload.gatling.GodotClock;
import dev.godotload.gatling.GodotUser;
import dev.godotload.gatling.Row;
import dev.godotload.wire.variant.PackedInt32Array;
import dev.godotload.world.IntegrityVerdict;
import dev.godotload.world.MergeHistory;

import io.gatling.javaapi.core.ChainBuilder;

/**
 * The client side of a run's merges, kept for the integrity verdict: every attempt with the props
 * it glued and when it was sent, every acknowledgement and refusal, and the state read back at the
 * end. Shared by all users of a run (thread-safe).
 *
 * <p>Op ids are {@code peer id × 2^20 + n} for a user's n-th merge, as contract.md suggests: unique
 * per peer, and across a run as long as no user merges more than 2^20 times.
 */
public final class MergeLedger {
    /** A user's merge counter (1, 2, 3 …). */
    static final String COUNTER = "merge op";
    static final long OPS_PER_PEER = 1L << 20;

    private record Sent(long peer, PackedInt32Array glued) {
    }

    private final MergeHistory history = new MergeHistory();
    private final Map<Sent, Long> sentMicros = new ConcurrentHashMap<>();
    private volatile IntegrityVerdict verdict;
    private volatile String unreadable;

    /**
     * Records that {@code user} is about to send a merge of {@code glued} (call it from the send's
     * argument function, so the attempt is recorded before any answer can arrive) and returns its op id.
     */
    public long attempt(GodotUser user, int[] glued) {
        long n = user.next(COUNTER);
        if (n >= OPS_PER_PEER) {
            throw new IllegalStateException("a user may merge at most " + (OPS_PER_PEER - 1) + " times");
        }
        long op = opId(user);
        history.attempted(user.id(), op, glued);
        sentMicros.put(new Sent(user.id(), new PackedInt32Array(glued)), GodotClock.nowMicros());
        return op;
    }

    /** The op id of {@code user}'s latest attempt. */
    public long opId(GodotUser user) {
        return user.id() * OPS_PER_PEER + user.current(COUNTER);
    }

    public void acknowledged(GodotUser user, long opId, long version) {
        history.acknowledged(user.id(), opId, version);
    }

    public void rejected(GodotUser user, long opId, String reason) {
        history.rejected(user.id(), opId, reason);
    }

    /**
     * When {@code peer} sent the merge of {@code glued}, in {@link GodotClock} microseconds; now if
     * no user of this run sent it (another client's merge), so it counts as instant.
     */
    public long sentMicros(long peer, PackedInt32Array glued) {
        Long t = sentMicros.get(new Sent(peer, glued));
        return t != null ? t : GodotClock.nowMicros();
    }

    /**
     * Checks the history against {@code receive_state(version, groups)}; the verdict is kept for
     * {@link #verdict()}. Groups that are not PackedInt32Arrays make the state unreadable: null.
     */
    public IntegrityVerdict check(long version, Object groups) {
        List<int[]> parsed = new ArrayList<>();
        if (!(groups instanceof List<?> list)) {
            unreadable = "receive_state's groups is " + typeOf(groups) + ", not an Array";
            return null;
        }
        for (Object g : list) {
            if (!(g instanceof PackedInt32Array p)) {
                unreadable = "receive_state's groups holds " + typeOf(g) + ", not PackedInt32Array";
                return null;
            }
            parsed.add(p.values());
        }
        IntegrityVerdict v = IntegrityVerdict.check(history.ops(), history.anomalies(), version, parsed);
        verdict = v;
        return v;
    }

    /** The verdict, once the state was read back and checked; null before. */
    public IntegrityVerdict verdict() {
        return verdict;
    }

    /** Why the state read back could not be checked, or null. */
    public String unreadable() {
        return unreadable;
    }

    /**
     * Puts the verdict in the report as one entry of {@code rowName}: OK when clean, else KO with the
     * counts and the first problem; KO too when no state was read back.
     */
    public ChainBuilder judge(Godot godot, String rowName) {
        return godot.record(now -> row(rowName, now, now));
    }

    /** The report row of the verdict, for the user that read the state back. */
    Row row(String rowName, long startMillis, long endMillis) {
        IntegrityVerdict v = verdict;
        if (v == null) {
            return Row.ko(rowName, startMillis, endMillis, unreadable != null ? unreadable
                    : "no state was read back, so no merge could be checked");
        }
        if (v.clean()) {
            return Row.ok(rowName, startMillis, endMillis);
        }
        String first = "";
        if (!v.lost().isEmpty()) {
            first = "; first lost: op " + v.lost().get(0).opId() + " (v" + v.lost().get(0).version() + ")";
        } else if (!v.unexpected().isEmpty()) {
            first = "; first unexpected: a group of " + v.unexpected().get(0).group().length + " props";
        }
        return Row.ko(rowName, startMillis, endMillis, v.lost().size() + " lost, " + v.unexpected().size() + " unexpected, "
                + v.anomalies().size() + " anomalies" + first + "; world-integrity.json names them all");
    }

    /** The verdict as JSON: counts, then every lost edit, unexpected group, recovered edit and anomaly. */
    public void writeJson(Path file, Map<String, Object> about) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>(about);
        IntegrityVerdict v = verdict;
        out.put("checked", v != null);
        if (v == null) {
            out.put("reason", unreadable != null ? unreadable : "no state was read back");
            out.put("attempted", history.size());
        } else {
            out.put("clean", v.clean());
            out.put("attempted", v.attempted());
            out.put("acknowledged", v.acknowledged());
            out.put("rejected", v.rejected());
            out.put("unanswered", v.indeterminate());
            out.put("lostCount", v.lost().size());
            out.put("unexpectedCount", v.unexpected().size());
            out.put("recoveredCount", v.recovered().size());
            out.put("anomalyCount", v.anomalies().size());
            out.put("finalVersion", v.finalVersion());
            out.put("finalGroups", v.finalGroups());
            out.put("lost", v.lost());
            out.put("unexpected", v.unexpected());
            out.put("recovered", v.recovered());
            out.put("anomalies", v.anomalies());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), out);
    }

    private static String typeOf(Object o) {
        return o == null ? "Nil" : o.getClass().getSimpleName();
    }
}
