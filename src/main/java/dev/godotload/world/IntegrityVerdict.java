package dev.godotload.world;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Jepsen-style set check of a run's merges against the world read back at the end.
 *
 * <ul>
 * <li><b>lost</b>: acknowledged, yet its props are not all in one group of the final state;</li>
 * <li><b>unexpected</b>: a final group whose props no chain of attempted (not rejected) merges links:
 * the server invented or mixed up an edit;</li>
 * <li><b>recovered</b>: never answered (timed out), yet its props are together: applied after all,
 * which is allowed.</li>
 * </ul>
 * Besides these, <b>anomalies</b>: answers that contradict the protocol (an op acknowledged twice, two
 * merges acknowledged with one version, a read-back older than an acknowledgement, a malformed
 * state, answers to merges never attempted). A run is clean when all three lists that can fail are
 * empty: {@link #clean()}.
 *
 * <p>Since gluing is a union, the final grouping must be at least the union of the acknowledged
 * merges and at most the union of the attempted ones; lost and unexpected are the two ways to miss.
 */
public record IntegrityVerdict(int attempted, int acknowledged, int rejected, int indeterminate, long finalVersion,
        int finalGroups, List<LostEdit> lost, List<UnexpectedGroup> unexpected, List<RecoveredEdit> recovered,
        List<String> anomalies) {

    /** An acknowledged merge missing from the final state, and where its props ended up. */
    public record LostEdit(int peer, long opId, int[] glued, long version, List<int[]> foundApart) {
        @Override
        public String toString() {
            return "op " + opId + " of peer " + peer + " (v" + version + ", props " + Arrays.toString(glued) + ") found apart as "
                    + render(foundApart);
        }
    }

    /** A final group that attempted merges do not explain, split into the parts they do explain. */
    public record UnexpectedGroup(int[] group, List<int[]> explainedParts) {
        @Override
        public String toString() {
            return "group " + Arrays.toString(group) + " joins parts no merge linked: " + render(explainedParts);
        }
    }

    /** A merge that got no answer but is in the final state. */
    public record RecoveredEdit(int peer, long opId, int[] glued) {
    }

    public IntegrityVerdict {
        lost = List.copyOf(lost);
        unexpected = List.copyOf(unexpected);
        recovered = List.copyOf(recovered);
        anomalies = List.copyOf(anomalies);
    }

    /** No lost edit, no unexpected group, no anomaly. */
    public boolean clean() {
        return lost.isEmpty() && unexpected.isEmpty() && anomalies.isEmpty();
    }

    /**
     * Checks a history against the state read back.
     *
     * @param ops               every attempted merge and its outcome ({@link MergeHistory#ops()})
     * @param historyAnomalies  what the history itself found odd ({@link MergeHistory#anomalies()})
     * @param finalVersion      {@code receive_state}'s version
     * @param finalGroups       {@code receive_state}'s groups
     */
    public static IntegrityVerdict check(List<MergeHistory.Op> ops, List<String> historyAnomalies, long finalVersion,
            List<int[]> finalGroups) {
        List<String> anomalies = new ArrayList<>(historyAnomalies);
        int maxProp = 0;
        for (MergeHistory.Op op : ops) {
            for (int p : op.glued()) {
                maxProp = Math.max(maxProp, p);
            }
        }
        for (int[] g : finalGroups) {
            for (int p : g) {
                maxProp = Math.max(maxProp, p);
            }
        }
        int[] groupOf = groupIndex(finalGroups, maxProp, anomalies);

        int acknowledged = 0;
        int rejected = 0;
        int indeterminate = 0;
        long maxAckedVersion = 0;
        Map<Long, MergeHistory.Op> byVersion = new HashMap<>();
        Map<String, Long> ackedKeys = new HashMap<>();
        UnionFind attemptedUnion = new UnionFind(maxProp);
        List<LostEdit> lost = new ArrayList<>();
        List<RecoveredEdit> recovered = new ArrayList<>();
        for (MergeHistory.Op op : ops) {
            int[] glued = op.glued();
            if (Arrays.stream(glued).anyMatch(p -> p < 1) || glued.length == 0) {
                anomalies.add("op " + op.opId() + " of peer " + op.peer() + " glues " + Arrays.toString(glued)
                        + ": not a set of prop ids; left out of the check");
                continue;
            }
            switch (op.outcome()) {
                case REJECTED:
                    rejected++;
                    continue; // a refused merge explains nothing: it must have changed nothing
                case ACKNOWLEDGED:
                    acknowledged++;
                    maxAckedVersion = Math.max(maxAckedVersion, op.version());
                    MergeHistory.Op sameVersion = byVersion.putIfAbsent(op.version(), op);
                    if (sameVersion != null) {
                        anomalies.add("version " + op.version() + " acknowledged twice: op " + sameVersion.opId() + " of peer "
                                + sameVersion.peer() + " and op " + op.opId() + " of peer " + op.peer());
                    }
                    Long earlier = ackedKeys.putIfAbsent(op.peer() + "/" + op.opId(), op.version());
                    if (earlier != null) {
                        anomalies.add("op " + op.opId() + " of peer " + op.peer() + " acknowledged twice (v" + earlier + " and v"
                                + op.version() + "): a repeated op_id must be rejected");
                    }
                    if (!together(glued, groupOf)) {
                        lost.add(new LostEdit(op.peer(), op.opId(), glued, op.version(), apart(glued, groupOf)));
                    }
                    break;
                default:
                    indeterminate++;
                    if (together(glued, groupOf)) {
                        recovered.add(new RecoveredEdit(op.peer(), op.opId(), glued));
                    }
                    break;
            }
            for (int i = 1; i < glued.length; i++) {
                attemptedUnion.union(glued[0], glued[i]);
            }
        }
        if (finalVersion < maxAckedVersion) {
            anomalies.add("the state read back is version " + finalVersion + ", older than acknowledged version "
                    + maxAckedVersion);
        }

        List<UnexpectedGroup> unexpected = new ArrayList<>();
        for (int[] g : finalGroups) {
            Map<Integer, List<Integer>> parts = new LinkedHashMap<>();
            for (int p : g) {
                if (p >= 1) {
                    parts.computeIfAbsent(attemptedUnion.find(p), k -> new ArrayList<>()).add(p);
                }
            }
            if (parts.size() > 1) {
                List<int[]> explained = new ArrayList<>();
                for (List<Integer> part : parts.values()) {
                    explained.add(part.stream().mapToInt(Integer::intValue).toArray());
                }
                unexpected.add(new UnexpectedGroup(g.clone(), explained));
            }
        }
        return new IntegrityVerdict(ops.size(), acknowledged, rejected, indeterminate, finalVersion, finalGroups.size(),
                lost, unexpected, recovered, anomalies);
    }

    /** One line for the console. */
    public String summary() {
        return String.format(Locale.ROOT,
                "world integrity %s: %,d merges attempted, %,d acknowledged, %,d rejected, %,d unanswered; %,d lost, "
                        + "%,d unexpected, %,d recovered, %,d anomalies; final version %,d with %,d groups",
                clean() ? "OK" : "VIOLATED", attempted, acknowledged, rejected, indeterminate, lost.size(), unexpected.size(),
                recovered.size(), anomalies.size(), finalVersion, finalGroups);
    }

    /** The first few problems, one per line, for the console and the report's error message. */
    public List<String> problems(int limit) {
        List<String> out = new ArrayList<>();
        for (LostEdit l : lost) {
            out.add("lost: " + l);
        }
        for (UnexpectedGroup u : unexpected) {
            out.add("unexpected: " + u);
        }
        for (String a : anomalies) {
            out.add("anomaly: " + a);
        }
        return out.size() <= limit ? out : out.subList(0, limit);
    }

    /** prop → index of its final group, or -(prop) for a prop alone (so two lone props never compare equal). */
    private static int[] groupIndex(List<int[]> groups, int maxProp, List<String> anomalies) {
        int[] groupOf = new int[maxProp + 1];
        for (int p = 0; p <= maxProp; p++) {
            groupOf[p] = -p - 1;
        }
        int previousFirst = Integer.MIN_VALUE;
        for (int i = 0; i < groups.size(); i++) {
            int[] g = groups.get(i);
            if (g.length < 2) {
                anomalies.add("the state lists a group of " + g.length + " prop(s): " + Arrays.toString(g));
            } else if (g[0] <= previousFirst) {
                anomalies.add("the state's groups are not sorted by their first prop at " + Arrays.toString(g));
            }
            for (int j = 0; j < g.length; j++) {
                int p = g[j];
                if (j > 0 && p <= g[j - 1]) {
                    anomalies.add("the state's group " + Arrays.toString(g) + " is not sorted ascending without repeats");
                    break;
                }
                if (p < 1) {
                    anomalies.add("the state lists prop " + p + ", which cannot exist");
                } else if (groupOf[p] >= 0) {
                    anomalies.add("the state lists prop " + p + " in two groups");
                } else {
                    groupOf[p] = i;
                }
            }
            if (g.length > 0) {
                previousFirst = g[0];
            }
        }
        return groupOf;
    }

    private static boolean together(int[] glued, int[] groupOf) {
        for (int i = 1; i < glued.length; i++) {
            if (groupOf[glued[i]] != groupOf[glued[0]]) {
                return false;
            }
        }
        return true;
    }

    private static List<int[]> apart(int[] glued, int[] groupOf) {
        Map<Integer, List<Integer>> parts = new LinkedHashMap<>();
        for (int p : glued) {
            parts.computeIfAbsent(groupOf[p], k -> new ArrayList<>()).add(p);
        }
        List<int[]> out = new ArrayList<>();
        for (List<Integer> part : parts.values()) {
            out.add(part.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static String render(List<int[]> parts) {
        StringBuilder b = new StringBuilder();
        for (int[] part : parts) {
            b.append(b.length() == 0 ? "" : " ").append(Arrays.toString(part));
        }
        return b.toString();
    }

    /** Union-find over props 0..max for the attempted merges. */
    private static final class UnionFind {
        private final int[] parent;

        UnionFind(int max) {
            parent = new int[max + 1];
            for (int i = 0; i <= max; i++) {
                parent[i] = i;
            }
        }

        int find(int p) {
            while (parent[p] != p) {
                parent[p] = parent[parent[p]]; // path halving
                p = parent[p];
            }
            return p;
        }

        void union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra != rb) {
                parent[Math.max(ra, rb)] = Math.min(ra, rb);
            }
        }
    }
}
