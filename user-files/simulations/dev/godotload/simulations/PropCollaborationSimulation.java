package dev.godotload.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.godotload.gatling.FanOut;
import dev.godotload.gatling.Godot;
import dev.godotload.gatling.GodotTarget;
import dev.godotload.gatling.LoadProperties;
import dev.godotload.gatling.MergeLedger;
import dev.godotload.gatling.ReportFolder;
import dev.godotload.gatling.Selections;
import dev.godotload.wire.variant.PackedInt32Array;
import dev.godotload.world.IntegrityVerdict;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Prop collaboration: users join one after another, each glues a few props from the catalog
 * together and merges the changed world into the shared one, a few times; everyone else sees each
 * merge land. When all have left, one reader reads the world back and every merge of the run is
 * checked against it: an acknowledged edit that is missing, or a grouping no merge explains, fails
 * the run.
 *
 * <p>The catalog ({@code prop-catalog.csv}) has 50,000 props, not the contract's default 1,000: with
 * 3,000 merges of 2 to 8 props, 1,000 props would all end up in one glue group, and a check on one
 * group can see neither a lost nor an invented edit. At 50,000 the groups stay small (about 0.5 glue
 * links per prop), so nearly every lost merge leaves its props apart.
 */
public class PropCollaborationSimulation extends Simulation {
    private static final String WORLD = "Main/World";

    /** The knobs, all {@code -D} (the README lists them); a bad value ends the run with one line. */
    private record Settings(int users, Duration ramp, int merges, Duration interval, int minProps, int maxProps,
            int mergeP99Ms, double deliveryPercent, double koPercent, Duration maxWait) {
        static Settings read(LoadProperties load) {
            int minProps = load.integer("load.minProps", 2, 2, 64);
            return new Settings(
                    load.integer("load.users", 1000, 2, 100_000),
                    load.duration("load.ramp", Duration.ofSeconds(60), Duration.ZERO, Duration.ofHours(1)),
                    load.integer("load.merges", 3, 1, 100_000),
                    load.duration("load.interval", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(10)),
                    minProps,
                    load.integer("load.maxProps", 8, minProps, 64),
                    load.integer("load.merge.p99Ms", 500, 1, 600_000),
                    load.number("load.world.deliveryPercent", 99.9, 0, 100),
                    load.number("load.koPercent", 1.0, 0, 100),
                    load.duration("load.maxWait", Duration.ofMinutes(2), Duration.ZERO, Duration.ofHours(2)));
        }
    }

    private final LoadProperties load = LoadProperties.system();
    private final Settings settings = LoadProperties.orExit(() -> Settings.read(load));
    private final Selections catalog = LoadProperties.orExit(() -> Selections.fromCatalog(
            load.string("load.catalog", "prop-catalog.csv"), settings.minProps(), settings.maxProps()));
    /** An embedded server gets a world as big as the catalog; a remote one must have been started so. */
    private final GodotTarget target = GodotTarget.fromSystemProperties(load).worldProps(catalog.maxId());
    private final Godot godot = target.godot();

    /** Every merge of the run, what came of it, and the verdict once the world is read back. */
    private final MergeLedger ledger = new MergeLedger();

    /** Every world_changed copy; the author's edit_applied says how many the others should get. */
    private final FanOut fanOut = godot.fanOutToOthers("world fan-out", WORLD, "world_changed",
            rpc -> rpc.longArg(1), // from_peer
            rpc -> ledger.sentMicros(rpc.longArg(1), (PackedInt32Array) rpc.args().get(2)),
            rpc -> rpc.longArg(0), // version
            WORLD, "edit_applied", rpc -> rpc.longArg(1))
            .participants(settings.users());

    {
        godot.onPush(WORLD, "edit_applied", push -> ledger.acknowledged(push.user(), push.rpc().longArg(0), push.rpc().longArg(1)));
        godot.onPush(WORLD, "edit_rejected", push -> ledger.rejected(push.user(), push.rpc().longArg(0), push.rpc().stringArg(1)));
    }

    private final ScenarioBuilder collaborators = scenario("Prop collaboration")
            .exec(godot.connect())
            .doIf(Godot::connected).then(
                    repeat(settings.merges()).on(
                            feed(catalog)
                                    .pace(settings.interval().dividedBy(2), settings.interval().multipliedBy(3).dividedBy(2))
                                    .exec(godot.call(WORLD, "merge_world", s -> {
                                                int[] glued = s.get("selection");
                                                return List.of(ledger.attempt(Godot.user(s), glued), new PackedInt32Array(glued));
                                            })
                                            .await("prop merge", WORLD, "edit_applied", "edit_rejected",
                                                    (rpc, me) -> rpc.longArg(0) == ledger.opId(me),
                                                    rpc -> rpc.stringArg(1)))))
            .exec(godot.doneSending())
            .exec(godot.listenUntil(fanOut::everyoneDone, settings.maxWait()))
            .exec(godot.listen(Duration.ofSeconds(1)))
            .exec(godot.disconnect());

    private final ScenarioBuilder reader = scenario("World read-back")
            .exec(godot.connect())
            .doIf(Godot::connected).then(
                    godot.call(WORLD, "request_state", s -> List.of())
                            .await("world read back", WORLD, "receive_state", (rpc, me) -> {
                                ledger.check(rpc.longArg(0), rpc.args().get(1));
                                return true;
                            }))
            .exec(ledger.judge(godot, "world integrity"))
            .exec(godot.disconnect());

    {
        setUp(collaborators.injectOpen(rampUsers(settings.users()).during(settings.ramp()))
                .andThen(reader.injectOpen(atOnceUsers(1))))
                .protocols(godot.protocol())
                .assertions(
                        details("world integrity").failedRequests().count().is(0L),
                        // a run that never read the world back must not pass on an empty row
                        details("world integrity").successfulRequests().count().is(1L),
                        global().failedRequests().percent().lt(settings.koPercent()),
                        details("prop merge").responseTime().percentile(99.0).lt(settings.mergeP99Ms()),
                        details("world fan-out").successfulRequests().percent().gte(settings.deliveryPercent()),
                        details("world fan-out").successfulRequests().count().gt(0L));
    }

    @Override
    public void before() {
        target.startOrExit();
        System.out.println("godot-load: prop collaboration, " + settings.users() + " users over " + settings.ramp().toSeconds()
                + " s, " + settings.merges() + " merges of " + settings.minProps() + " to " + settings.maxProps()
                + " props each, against " + target.description());
    }

    @Override
    public void after() {
        System.out.println("godot-load: " + fanOut.summary());
        IntegrityVerdict verdict = ledger.verdict();
        if (verdict == null) {
            System.out.println("godot-load: world integrity NOT CHECKED: "
                    + (ledger.unreadable() != null ? ledger.unreadable() : "the world was not read back"));
        } else {
            System.out.println("godot-load: " + verdict.summary());
            for (String problem : verdict.problems(20)) {
                System.out.println("godot-load:   " + problem);
            }
        }
        Path json = ReportFolder.of(getClass()).resolve("world-integrity.json");
        try {
            Map<String, Object> about = new LinkedHashMap<>();
            about.put("simulation", getClass().getSimpleName());
            about.put("target", target.description());
            about.put("users", settings.users());
            about.put("mergesPerUser", settings.merges());
            ledger.writeJson(json, about);
            System.out.println("godot-load: verdict written to " + json);
        } catch (IOException e) {
            System.err.println("godot-load: cannot write " + json + ": " + e.getMessage());
        }
        target.close();
    }
}
