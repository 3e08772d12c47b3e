package dev.godotload.world;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shared prop world of the contract: props {@code 1..P}, each in a glue group, and a version
 * that every applied merge raises. Gluing is a union of groups (union-find), so the grouping does not
 * depend on the order merges arrive in. Not thread-safe: the server keeps it on its game loop.
 */
public final class World {
    public static final int MIN_GLUED = 2;
    public static final int MAX_GLUED = 64;
    public static final int MAX_PROPS = 1_000_000;
    public static final int DEFAULT_PROPS = 1_000;

    private final int props;
    /** parent[p] for props 1..P (index 0 unused); a root is its own parent. */
    private final int[] parent;
    /** Upper bound of a root's tree height, to keep unions shallow. */
    private final byte[] rank;
    private long version;

    public World(int props) {
        if (props < MIN_GLUED || props > MAX_PROPS) {
            throw new IllegalArgumentException("a world has " + MIN_GLUED + " to " + MAX_PROPS + " props, not " + props);
        }
        this.props = props;
        this.parent = new int[props + 1];
        this.rank = new byte[props + 1];
        for (int p = 1; p <= props; p++) {
            parent[p] = p;
        }
    }

    public int props() {
        return props;
    }

    /** The number of the last applied merge; 0 for a fresh world. */
    public long version() {
        return version;
    }

    /**
     * Why {@code glued} cannot be merged, as {@code edit_rejected} says it; null when it can:
     * 2 to 64 distinct ids of existing props.
     */
    public String rejection(int[] glued) {
        return rejection(props, glued);
    }

    /** {@link #rejection(int[])} for a world of {@code props} props, for whoever checks merges without a World. */
    static String rejection(int props, int[] glued) {
        if (glued.length < MIN_GLUED) {
            return "too few props: " + glued.length + " (a merge glues " + MIN_GLUED + " to " + MAX_GLUED + ")";
        }
        if (glued.length > MAX_GLUED) {
            return "too many props: " + glued.length + " (a merge glues " + MIN_GLUED + " to " + MAX_GLUED + ")";
        }
        for (int i = 0; i < glued.length; i++) {
            int p = glued[i];
            if (p < 1 || p > props) {
                return "unknown prop " + p + " (props are 1 to " + props + ")";
            }
            for (int j = 0; j < i; j++) {
                if (glued[j] == p) {
                    return "prop " + p + " listed twice";
                }
            }
        }
        return null;
    }

    /** Glues the props together; returns the new version. */
    public long apply(int[] glued) {
        String why = rejection(glued);
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        glue(glued);
        return ++version;
    }

    /**
     * Re-applies a merge read back from storage, at the version it had. Versions must rise; they may
     * skip (a version whose merge was never stored).
     */
    public void replay(long mergeVersion, int[] glued) {
        if (mergeVersion <= version) {
            throw new IllegalArgumentException("merge version " + mergeVersion + " does not follow " + version);
        }
        String why = rejection(glued);
        if (why != null) {
            throw new IllegalArgumentException("stored merge " + mergeVersion + ": " + why);
        }
        glue(glued);
        version = mergeVersion;
    }

    /**
     * Raises the version without gluing anything: only for the fault switch that makes the server
     * acknowledge merges it then loses, so the integrity checker can be shown to catch them.
     */
    public long skipVersion() {
        return ++version;
    }

    /** Whether two props are in one glue group. */
    public boolean together(int a, int b) {
        return find(a) == find(b);
    }

    /**
     * Every group of two or more props, each sorted ascending, the groups sorted by their first id:
     * {@code receive_state}'s {@code groups}.
     */
    public List<int[]> groups() {
        int[] size = new int[props + 1];
        int[] root = new int[props + 1];
        for (int p = 1; p <= props; p++) {
            root[p] = find(p);
            size[root[p]]++;
        }
        int[][] members = new int[props + 1][];
        int[] filled = new int[props + 1];
        List<int[]> out = new ArrayList<>();
        // Props are visited in ascending order, so each group fills sorted and its first member
        // decides where it goes in the list.
        for (int p = 1; p <= props; p++) {
            int r = root[p];
            if (size[r] < 2) {
                continue;
            }
            if (members[r] == null) {
                members[r] = new int[size[r]];
                out.add(members[r]);
            }
            members[r][filled[r]++] = p;
        }
        return out;
    }

    private void glue(int[] glued) {
        for (int i = 1; i < glued.length; i++) {
            union(glued[0], glued[i]);
        }
    }

    private int find(int p) {
        if (p < 1 || p > props) {
            throw new IllegalArgumentException("unknown prop " + p + " (props are 1 to " + props + ")");
        }
        int r = p;
        while (parent[r] != r) {
            r = parent[r];
        }
        while (parent[p] != r) { // path compression
            int next = parent[p];
            parent[p] = r;
            p = next;
        }
        return r;
    }

    private void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra == rb) {
            return;
        }
        if (rank[ra] < rank[rb]) {
            parent[ra] = rb;
        } else if (rank[ra] > rank[rb]) {
            parent[rb] = ra;
        } else {
            parent[rb] = ra;
            rank[ra]++;
        }
    }

    @Override
    public String toString() {
        List<int[]> g = groups();
        StringBuilder b = new StringBuilder("World[props=").append(props).append(", version=").append(version)
                .append(", groups=");
        for (int i = 0; i < Math.min(g.size(), 8); i++) {
            b.append(Arrays.toString(g.get(i)));
        }
        return b.append(g.size() > 8 ? "…]" : "]").toString();
    }
}
