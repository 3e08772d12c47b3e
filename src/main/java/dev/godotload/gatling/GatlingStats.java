package dev.godotload.gatling;

import io.gatling.commons.stats.KO$;
import io.gatling.commons.stats.OK$;
import io.gatling.commons.util.Clock;
import io.gatling.core.CoreComponents;
import io.gatling.core.action.Action;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.Session;

/**
 * The one place that touches Gatling internals. Gatling's public DSL has no way to put a row in
 * the report that is not a request/response it timed itself, yet a fan-out delivery is timed from
 * another user's send. So: a no-op action whose builder keeps the run's {@link StatsEngine} and
 * {@link Clock}, and {@link #record} that logs rows to it.
 *
 * <p>Internal API used (Gatling 3.15): {@code io.gatling.core.action.builder.ActionBuilder#build},
 * {@code ScenarioContext#coreComponents}, {@code CoreComponents#statsEngine/#clock},
 * {@code StatsEngine#logResponse}. The short chat runs in {@code ./mvnw verify} (the pom's
 * {@code chat-smoke} executions) assert that {@code chat fan-out}, a row only this class records,
 * has entries, so an upgrade that breaks this fails the build.
 */
public final class GatlingStats {
    private volatile StatsEngine engine;
    private volatile Clock clock;
    private final LiveLatencies latencies = new LiveLatencies();

    /** Put this in every scenario before anything is recorded (the DSL's connect does). */
    public ActionBuilder capture() {
        io.gatling.core.action.builder.ActionBuilder scala = new io.gatling.core.action.builder.ActionBuilder() {
            @Override
            public Action build(ScenarioContext ctx, Action next) {
                CoreComponents core = ctx.coreComponents();
                engine = core.statsEngine();
                clock = core.clock();
                return next;
            }
        };
        return () -> scala;
    }

    public boolean isCaptured() {
        return engine != null;
    }

    /** Now, in Gatling's clock. */
    public long nowMillis() {
        Clock c = clock;
        return c != null ? c.nowMillis() : System.currentTimeMillis();
    }

    /**
     * A {@link GodotClock} reading converted to Gatling's clock. Gatling's clock is the wall clock
     * read once at its start and then advanced monotonically, so the two part by however much NTP
     * slewed the wall clock since; the offset is taken afresh for each conversion.
     */
    public long toGatlingMillis(long godotMicros) {
        Clock c = clock;
        if (c == null) {
            return Math.floorDiv(godotMicros, 1000); // no run yet: the wall clock is the report's clock
        }
        long offsetMicros = GodotClock.nowMicros() - c.nowMillis() * 1000;
        return Math.floorDiv(godotMicros - offsetMicros, 1000);
    }

    /** The latencies of every row recorded here and of every wait of the DSL, as the run goes on. */
    public LiveLatencies latencies() {
        return latencies;
    }

    public void record(Session session, Row row) {
        StatsEngine e = engine;
        if (e == null) {
            throw new IllegalStateException("GatlingStats.capture() was not executed in this scenario");
        }
        latencies.add(row.name(), row.endMillis(), row.endMillis() - row.startMillis(), row.ok());
        io.gatling.core.session.Session s = session.asScala();
        e.logResponse(s.scenario(), s.groups(), row.name(), row.startMillis(), row.endMillis(),
                row.ok() ? OK$.MODULE$ : KO$.MODULE$, scala.Option.empty(), scala.Option.apply(row.message()));
    }
}
