package dev.godotload.profile;

import java.util.List;
import java.util.Locale;

import dev.godotload.gatling.LiveLatencies;

/**
 * What a stress run found: the steps it judged, the last population that held every bound, and the
 * first that broke one (or none, when the run reached {@code load.users} intact).
 *
 * @param steps  every step judged, in order
 * @param broken the bound the last step broke, or null when every step held
 */
public record BreakingPoint(List<Step> steps, Break broken) {

    /** One step: {@code users} started by its end, judged over [{@code fromSecond}, {@code toSecond}) of the run. */
    public record Step(int users, long fromSecond, long toSecond, List<LiveLatencies.Summary> rows, boolean held) {
    }

    /** The bound a step broke: {@code row}'s p99 or failed share over its bound. */
    public record Break(String row, long p99Ms, int boundMs, double failedPercent, double koPercentBound) {
        String describe() {
            if (p99Ms > boundMs) {
                return row + " p99 " + p99Ms + " ms > " + boundMs + " ms";
            }
            return String.format(Locale.ROOT, "%s %.1f%% failed > %.1f%%", row, failedPercent, koPercentBound);
        }
    }

    /** The last step that held, or null. */
    public Step held() {
        Step last = null;
        for (Step s : steps) {
            if (s.held()) {
                last = s;
            }
        }
        return last;
    }

    /**
     * The line for a release note, e.g. {@code held 1,800 users with pose fan-out p99 41 ms; broke at
     * 2,000 users: pose fan-out p99 180 ms > 100 ms}.
     */
    public String line(String judgedRow) {
        Step held = held();
        StringBuilder b = new StringBuilder();
        if (held != null) {
            b.append("held ").append(users(held.users())).append(" users");
            held.rows().stream().filter(r -> r.row().equals(judgedRow) && r.count() > 0).findFirst()
                    .ifPresent(r -> b.append(" with ").append(r.row()).append(" p99 ").append(r.p99Ms()).append(" ms"));
        }
        if (broken != null) {
            Step last = steps.get(steps.size() - 1);
            b.append(held != null ? "; broke at " : "broke at the first step, ").append(users(last.users())).append(" users: ")
                    .append(broken.describe());
        } else if (held != null) {
            b.append("; did not break (load.users reached: raise it to find the breaking point)");
        } else {
            b.append("no step was judged: the run ended before its first step did");
        }
        return b.toString();
    }

    private static String users(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
