package dev.godotload.simulations;

import static io.gatling.javaapi.core.CoreDsl.*;

import java.time.Duration;
import java.util.Map;

import dev.godotload.gatling.*;
import dev.godotload.target.*;
import dev.godotload.wire.variant.Vector3;

import io.gatling.javaapi.core.*;

/**
 * A template for your own Godot 4 game: copy it, then change the four constants to your scene. Run it with
 * {@code -Dgodot.contract=your-contract.json} (from {@code java -jar target/godot-load.jar contract YOUR_PROJECT})
 * and {@code -Dgodot.url=ws://...} (your server) or {@code -Dgodot.target=godot4-web -Dgodot.project=YOUR_PROJECT}.
 */
public class YourGameSimulation extends Simulation {
    static final String PLAYER = "Main/Players/{peer}";     // the node your spawner gives each player
    static final String SYNC = PLAYER + "/Sync";             // its MultiplayerSynchronizer
    static final String STAMP = "stamp";                     // an int property you replicate: the sender's clock
    final LoadProperties load = LoadProperties.system();           // a bad -D value stops the run with one line
    final int USERS = LoadProperties.read(() -> load.integer("load.users", 20, 2, 100_000));
    final int SYNC_HZ = LoadProperties.read(() -> load.integer("load.syncHz", 10, 1, 120));

    final GodotTarget target = GodotTarget.fromSystemProperties(load);
    final Godot godot = target.godot();
    final SyncFanOut fanOut = godot.syncFanOut("sync fan-out", SYNC, STAMP).participants(USERS);

    /** What your client sends each network frame: every "always" property of the synchronizer. */
    Map<String, Object> pose(Session s) {
        GodotUser me = Godot.user(s);
        long now = me.nextAtLeast("stamp", GodotClock.nowMicros());
        return Map.of("position", new Vector3(Math.cos(now / 1e6), 0, Math.sin(now / 1e6)), "rotation", Vector3.ZERO, STAMP, now);
    }

    final ScenarioBuilder players = scenario("Players").exec(godot.connect())
            .doIf(Godot::connected).then(exec(godot.spawned(PLAYER, Duration.ofSeconds(30)))
                    .repeat(30 * SYNC_HZ).on(pace(Duration.ofMillis(1000 / SYNC_HZ)).exec(godot.sync(SYNC, this::pose))))
            .exec(godot.doneSending()).exec(godot.listenUntil(() -> fanOut.fanOut().everyoneDone(), Duration.ofMinutes(1)))
            .exec(godot.disconnect());

    {
        setUp(players.injectOpen(rampUsers(USERS).during(10))).protocols(godot.protocol()).assertions(
                details(Godot.SPAWN).failedRequests().count().is(0L),
                details("sync fan-out").responseTime().percentile(99.0).lt(250),
                details("sync fan-out").successfulRequests().percent().gte(99.9),
                Godot.connectionsHeld());
    }

    @Override
    public void before() {
        target.start();
    }

    @Override
    public void after() {
        target.close();
    }
}
