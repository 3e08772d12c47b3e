package dev.godotload.simulations;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.godotload.demo.Plaza;
import dev.godotload.gatling.Godot;
import dev.godotload.profile.LoadProfile;
import dev.godotload.target.GodotTarget;
import dev.godotload.target.LoadProperties;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * The plaza, a Godot 4 game made of replication: players join over a ramp, and the server's
 * MultiplayerSpawner gives each one a player node; each player's MultiplayerSynchronizer streams its
 * walk {@code load.syncHz} times a second to every other player, through the server; then players
 * leave, one after another over the ramp, and everyone still there sees them go. A synchronizer that
 * sends every frame to every peer is N² messages: this is where such netcode shows its limit.
 */
public class PlazaSimulation extends Simulation {

    private record Settings(int players, Duration ramp, int syncHz, Duration session, int spawnP99Ms, int syncP99Ms,
            int despawnP99Ms, double deliveryPercent, Duration maxWait) {
        static Settings read(LoadProperties load) {
            return new Settings(
                    load.integer("load.users", 30, 2, 100_000),
                    load.duration("load.ramp", Duration.ofSeconds(10), Duration.ZERO, Duration.ofHours(1)),
                    load.integer("load.syncHz", 10, 1, 120),
                    load.duration("load.session", Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(4)),
                    load.integer("load.spawn.p99Ms", 2_000, 1, 600_000),
                    load.integer("load.sync.p99Ms", 250, 1, 600_000),
                    load.integer("load.despawn.p99Ms", 2_000, 1, 600_000),
                    load.number("load.deliveryPercent", 99.9, 0, 100),
                    load.duration("load.maxWait", Duration.ofMinutes(2), Duration.ZERO, Duration.ofHours(2)));
        }
    }

    /** This game's contract, embedded server and project, unless -Dgodot.contract, -Dgodot.game or -Dgodot.project say otherwise. */
    private final LoadProperties load = LoadProperties.system().withDefaults(Map.of(
            "godot.contract", "plaza-contract.json",
            "godot.game", "plaza",
            "godot.project", "godot/plaza-godot4"));
    private final Settings settings = LoadProperties.read(() -> Settings.read(load));
    private final GodotTarget target = GodotTarget.fromSystemProperties(load);
    private final Godot godot = target.godot();
    private final LoadProfile profile = LoadProperties.read(() -> LoadProfile.read(load, godot, 1));
    private final int players = profile.users(settings.players());
    private final Duration ramp = profile.ramp(settings.ramp());
    private final Plaza plaza = new Plaza(godot, players, Duration.ofMillis(settings.despawnP99Ms()));

    private final ChainBuilder join = exec(godot.connect()).doIf(Godot::connected).then(plaza.arrive(Duration.ofSeconds(30)));

    private final ChainBuilder walk = pace(Duration.ofMillis(1000 / settings.syncHz())).exec(plaza.walk());

    private final ChainBuilder walkAround = profile.repeat(
            (int) Math.max(1, settings.session().toMillis() * settings.syncHz() / 1000), walk);

    private final ChainBuilder waitForTheOthers = exec(godot.doneSending())
            .exec(godot.listenUntil(() -> plaza.fanOut().fanOut().everyoneDone(), settings.maxWait()));

    /** Players leave one after another over the ramp, in the order they came, watching the others go. */
    private final ChainBuilder leaveInTurn = exec(s -> s.set("leave at", godot.nowMillis()
            + ramp.toMillis() * Godot.user(s).index() / Math.max(1, players)))
            .exec(godot.listenWhile(s -> godot.nowMillis() < s.getLong("leave at"), ramp.plusSeconds(1)))
            .exec(godot.disconnect());

    private final ScenarioBuilder visitors = scenario("Plaza").exec(profile.admit(
            exec(join)
                    .doIf(Godot::connected).then(walkAround)
                    .exec(waitForTheOthers)
                    .exec(leaveInTurn)));

    {
        setUp(profile.populations(visitors, players, ramp,
                new LoadProfile.Afterwards("Engine check", target.engineErrorsVerdict())))
                .protocols(godot.protocol())
                .assertions(List.of(
                        details(Godot.SPAWN).failedRequests().count().is(0L),
                        details(Godot.SPAWN).responseTime().percentile(99.0).lt(settings.spawnP99Ms()),
                        details(Plaza.SYNC_FAN_OUT).responseTime().percentile(99.0).lt(settings.syncP99Ms()),
                        details(Plaza.SYNC_FAN_OUT).successfulRequests().percent().gte(settings.deliveryPercent()),
                        details(Plaza.SYNC_FAN_OUT).successfulRequests().count().gt(0L),
                        details(Plaza.DESPAWN).failedRequests().count().is(0L),
                        details(Plaza.DESPAWN).successfulRequests().count().gt(0L),
                        details(Plaza.DESPAWN).responseTime().percentile(99.0).lt(settings.despawnP99Ms()),
                        details(GodotTarget.ENGINE_ERRORS).failedRequests().count().is(0L),
                        Godot.injectorHadRoom(),
                        Godot.connectionsHeld()));
    }

    @Override
    public void before() {
        target.start();
        System.out.println("godot-load: plaza, " + profile.describe(players, ramp) + ", walking " + settings.syncHz()
                + " times a second for " + settings.session().toSeconds() + " s, against " + target.description());
    }

    @Override
    public void after() {
        System.out.println("godot-load: " + plaza.fanOut().fanOut().summary());
        System.out.println("godot-load: despawns seen " + plaza.despawns().observed() + ", missing "
                + plaza.despawns().missing());
        target.close();
    }
}
