package dev.godotload.simulations;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.godotload.demo.Selections;
import dev.godotload.demo.SharedWorld;
import dev.godotload.gatling.Godot;
import dev.godotload.profile.LoadProfile;
import dev.godotload.target.GodotTarget;
import dev.godotload.target.LoadProperties;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
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

    /** The knobs, all {@code -D} (docs/running.md lists them); a bad value stops the run with one line. */
    private record Settings(int users, Duration ramp, int merges, Duration interval, int minProps, int maxProps,
            int mergeP99Ms, double deliveryPercent, double koPercent, Duration maxWait, String catalog) {
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
                    load.duration("load.maxWait", Duration.ofMinutes(2), Duration.ZERO, Duration.ofHours(2)),
                    load.string("load.catalog", "prop-catalog.csv"));
        }
    }

    private final LoadProperties load = LoadProperties.system();
    private final Settings settings = LoadProperties.read(() -> Settings.read(load));
    private final Selections props = LoadProperties.read(() -> Selections.fromCatalog(
            settings.catalog(), settings.minProps(), settings.maxProps()));
    /** An embedded server gets a world as big as the catalog; a remote one must have been started so. */
    private final GodotTarget target = GodotTarget.fromSystemProperties(load).worldProps(props.maxId());
    private final Godot godot = target.godot();
    private final LoadProfile profile = LoadProperties.read(() -> LoadProfile.read(load, godot, 1));
    private final int users = profile.users(settings.users());
    private final Duration ramp = profile.ramp(settings.ramp());
    private final SharedWorld world = new SharedWorld(godot, users);

    private final ChainBuilder join = godot.connect();

    private final ChainBuilder glueAndMerge = profile.repeat(settings.merges(), feed(props)
            .pace(settings.interval().dividedBy(2), settings.interval().multipliedBy(3).dividedBy(2))
            .exec(world.merge()));

    private final ChainBuilder stayUntilEveryoneHasMerged = exec(godot.doneSending())
            .exec(godot.listenUntil(world.fanOut()::everyoneDone, settings.maxWait()))
            .exec(godot.listen(Duration.ofSeconds(1)));

    private final ChainBuilder leave = godot.disconnect();

    private final ScenarioBuilder collaborators = scenario("Prop collaboration").exec(profile.admit(
            exec(join)
                    .doIf(Godot::connected).then(glueAndMerge)
                    .exec(stayUntilEveryoneHasMerged)
                    .exec(leave)));

    private final LoadProfile.Afterwards readBack = new LoadProfile.Afterwards("World read-back",
            exec(join).doIf(Godot::connected).then(world.readBackAndJudge()).exec(leave));

    {
        List<Assertion> assertions = new ArrayList<>(List.of(
                details(SharedWorld.INTEGRITY).failedRequests().count().is(0L),
                // a run that never read the world back must not pass on an empty row
                details(SharedWorld.INTEGRITY).successfulRequests().count().is(1L),
                // the game's rows, not global(): Gatling counts every send as a 0 ms OK request
                details(SharedWorld.MERGE).failedRequests().percent().lt(settings.koPercent()),
                Godot.injectorHadRoom(),
                Godot.connectionsHeld(),
                details(SharedWorld.MERGE).responseTime().percentile(99.0).lt(settings.mergeP99Ms()),
                details(SharedWorld.FAN_OUT).successfulRequests().percent().gte(settings.deliveryPercent()),
                details(SharedWorld.FAN_OUT).successfulRequests().count().gt(0L)));
        assertions.addAll(Godot.contractHeld(SharedWorld.NODE));
        profile.breaksAt(SharedWorld.MERGE, settings.mergeP99Ms(), settings.koPercent())
                .onAdmissionClosed(admitted -> world.fanOut().participants(admitted));
        setUp(profile.populations(collaborators, users, ramp, readBack))
                .protocols(godot.protocol())
                .assertions(assertions);
    }

    @Override
    public void before() {
        target.start();
        System.out.println("godot-load: prop collaboration, " + profile.describe(users, ramp) + ", up to "
                + settings.merges() + " merges of " + settings.minProps() + " to " + settings.maxProps()
                + " props each, against " + target.description());
    }

    @Override
    public void after() {
        world.report(getClass(), target.description(), users, settings.merges());
        target.close();
    }
}
