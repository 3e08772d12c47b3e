package dev.godotload.profile;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.godotload.gatling.Godot;
import dev.godotload.gatling.LiveLatencies;
import dev.godotload.target.LoadProperties;
import dev.godotload.target.ReportFolder;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * The stress profile: {@code load.stress.step} more users join over {@code load.stress.stepRamp},
 * then the population holds for {@code load.stress.hold}, step after step up to {@code load.users}.
 * At the end of each hold, a judge (a Gatling user that is not a Godot peer) reads each bound's row
 * over that hold from {@link LiveLatencies}; the first step that breaks a bound, or the last step,
 * ends the stress: users stop their activity and leave as usual, later users skip their story, the
 * judge runs what comes afterwards, prints the breaking point, writes {@value #FILE} next to the
 * report, and stops the run.
 */
public final class Stress implements LoadProfile {
    /** The breaking point, next to the report's index.html. */
    public static final String FILE = "breaking-point.json";
    static final String JUDGE = "Stress judge";
    private static final String LEFT = "stress.left";

    private final Godot godot;
    private final int step;
    private final Duration stepRamp;
    private final Duration hold;
    private final Duration maxLeave;
    private final List<Bound> bounds = new CopyOnWriteArrayList<>();
    private final List<IntConsumer> onClosed = new CopyOnWriteArrayList<>();
    private final List<BreakingPoint.Step> steps = new CopyOnWriteArrayList<>();
    /** Users admitted; negative once admission is closed (then -(admitted + 1)). */
    private final AtomicInteger admission = new AtomicInteger();
    private final AtomicInteger left = new AtomicInteger();
    private volatile boolean over;
    private volatile BreakingPoint.Break broken;
    private volatile String line;

    record Bound(String row, int p99Ms, double koPercent) {
    }

    Stress(Godot godot, int step, Duration stepRamp, Duration hold, Duration maxLeave) {
        this.godot = godot;
        this.step = step;
        this.stepRamp = stepRamp;
        this.hold = hold;
        this.maxLeave = maxLeave;
    }

    static Stress read(LoadProperties load, Godot godot) {
        return new Stress(godot,
                load.integer("load.stress.step", 0, 0, 1_000_000),
                load.duration("load.stress.stepRamp", Duration.ofSeconds(5), Duration.ZERO, Duration.ofMinutes(30)),
                load.duration("load.stress.hold", Duration.ofSeconds(20), Duration.ofSeconds(1), Duration.ofHours(1)),
                load.duration("load.maxWait", Duration.ofMinutes(2), Duration.ZERO, Duration.ofHours(2)));
    }

    @Override
    public String name() {
        return "stress";
    }

    /** Users per step: {@code load.stress.step}, or a tenth of {@code users} when it is not given. */
    int stepOf(int users) {
        return step > 0 ? Math.min(step, users) : Math.max(1, users / 10);
    }

    int stepsOf(int users) {
        int s = stepOf(users);
        return (users + s - 1) / s;
    }

    private long stepMillis() {
        return stepRamp.toMillis() + hold.toMillis();
    }

    @Override
    public ChainBuilder repeat(int times, ChainBuilder activity) {
        return asLongAs(s -> !over && Godot.connected(s)).on(activity);
    }

    @Override
    public ChainBuilder admit(ChainBuilder story) {
        return doIf(s -> admitted()).then(exec(story).exec(s -> {
            left.incrementAndGet();
            return s;
        }));
    }

    /** Takes one place if admission is still open. */
    private boolean admitted() {
        while (true) {
            int a = admission.get();
            if (a < 0) {
                return false;
            }
            if (admission.compareAndSet(a, a + 1)) {
                return true;
            }
        }
    }

    /** Closes admission; the number of users admitted. */
    private int closeAdmission() {
        while (true) {
            int a = admission.get();
            if (a < 0) {
                return -a - 1;
            }
            if (admission.compareAndSet(a, -a - 1)) {
                return a;
            }
        }
    }

    @Override
    public LoadProfile breaksAt(String row, int p99Ms, double koPercent) {
        bounds.add(new Bound(row, p99Ms, koPercent));
        return this;
    }

    @Override
    public LoadProfile onAdmissionClosed(IntConsumer users) {
        onClosed.add(users);
        return this;
    }

    @Override
    public List<PopulationBuilder> populations(ScenarioBuilder scenario, int users, Duration ramp, Afterwards afterwards) {
        int per = stepOf(users);
        int count = stepsOf(users);
        List<OpenInjectionStep> injection = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            injection.add(rampUsers(Math.min(per, users - k * per)).during(stepRamp));
            injection.add(nothingFor(hold));
        }
        String start = "stress.start";
        ChainBuilder judge = exec(s -> s.set(start, godot.nowMillis()).set("stress.step", 0))
                .asLongAs(s -> !over).on(
                        pause(s -> Duration.ofMillis(Math.max(0, s.getLong(start) + (s.getInt("stress.step") + 1)
                                * stepMillis() - godot.nowMillis())))
                                .exec(s -> {
                                    int k = s.getInt("stress.step");
                                    judgeStep(k, Math.min(users, (k + 1) * per), s.getLong(start), k == count - 1);
                                    return s.set("stress.step", k + 1);
                                }))
                .exec(s -> {
                    int admitted = closeAdmission();
                    onClosed.forEach(c -> c.accept(admitted));
                    return s.set(LEFT, godot.nowMillis());
                })
                // the users finish what they are doing and leave as they always do
                .asLongAs(s -> left.get() < -admission.get() - 1 && godot.nowMillis() - s.getLong(LEFT) < maxLeave.toMillis())
                .on(pause(Duration.ofMillis(250)));
        if (afterwards != null) {
            judge = judge.exec(afterwards.chain());
        }
        judge = judge.exec(s -> {
            finish();
            return s;
        }).exec(stopLoadGenerator(s -> "the stress profile is over: " + line));
        return List.of(scenario.injectOpen(injection), scenario(JUDGE).exec(judge).injectOpen(atOnceUsers(1)));
    }

    /** Judges step {@code k} over its hold; ends the stress when it broke a bound or was the last. */
    void judgeStep(int k, int users, long startMillis, boolean last) {
        long from = startMillis + k * stepMillis() + stepRamp.toMillis();
        long to = startMillis + (k + 1) * stepMillis();
        LiveLatencies latencies = godot.latencies();
        List<LiveLatencies.Summary> rows = new ArrayList<>();
        BreakingPoint.Break broke = null;
        for (Bound b : bounds) {
            LiveLatencies.Summary r = latencies.between(b.row(), from, to);
            rows.add(r);
            double failed = r.count() == 0 ? 0 : 100.0 * r.failed() / r.count();
            if (broke == null && r.count() > 0 && (r.p99Ms() > b.p99Ms() || failed > b.koPercent())) {
                broke = new BreakingPoint.Break(b.row(), r.p99Ms(), b.p99Ms(), failed, b.koPercent());
            }
        }
        steps.add(new BreakingPoint.Step(users, (from - startMillis) / 1000, (to - startMillis) / 1000, List.copyOf(rows),
                broke == null));
        System.out.println("godot-load: stress step " + (k + 1) + ", " + users + " users: " + (broke == null ? "held" : "broke, "
                + broke.describe()));
        if (broke != null || last) {
            broken = broke;
            over = true;
        }
    }

    /** The breaking point so far (all of it once the stress is over). */
    public BreakingPoint breakingPoint() {
        return new BreakingPoint(List.copyOf(steps), broken);
    }

    private void finish() {
        BreakingPoint bp = breakingPoint();
        line = bp.line(bounds.isEmpty() ? "" : bounds.get(0).row());
        System.out.println("godot-load: " + line);
        Path file = ReportFolder.current().resolve(FILE);
        try {
            Files.createDirectories(file.getParent());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("line", line);
            json.put("held_users", bp.held() == null ? null : bp.held().users());
            json.put("broke_at_users", bp.broken() == null ? null : bp.steps().get(bp.steps().size() - 1).users());
            json.put("broken", bp.broken());
            json.put("steps", bp.steps());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
            System.out.println("godot-load: breaking point written to " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    @Override
    public String describe(int users, Duration ramp) {
        return "stress: " + stepOf(users) + " more users every " + stepMillis() / 1000 + " s (" + stepRamp.toSeconds()
                + " s to join, " + hold.toSeconds() + " s held and judged) up to " + users + " users, until "
                + (bounds.isEmpty() ? "load.users is reached" : "a step's " + describeBounds());
    }

    private String describeBounds() {
        List<String> out = new ArrayList<>();
        for (Bound b : bounds) {
            out.add(String.format(java.util.Locale.ROOT, "%s p99 goes over %d ms (or over %.1f%% of it fails)", b.row(),
                    b.p99Ms(), b.koPercent()));
        }
        return String.join(", or its ", out);
    }
}
