package dev.godotload.simulations;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.godotload.demo.ChatRoom;
import dev.godotload.demo.Sentences;
import dev.godotload.gatling.Godot;
import dev.godotload.profile.LoadProfile;
import dev.godotload.target.GodotTarget;
import dev.godotload.target.LoadProperties;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Chat stress: users join a room one after another, each says a few random sentences about once
 * a second, and the server (in stress mode) rebroadcasts every sentence to everyone. A sender's
 * own copy is its round trip; every other copy is a fan-out delivery, timed from the moment it
 * was said. Users stay until everybody has spoken, so every copy has someone to arrive at.
 */
public class ChatStressSimulation extends Simulation {

    /** The knobs, all {@code -D} (docs/running.md lists them); a bad value stops the run with one line. */
    private record Settings(int users, Duration ramp, int sentences, Duration interval, int roundTripP99Ms,
            double deliveryPercent, double koPercent, Duration maxWait, Duration linger) {
        static Settings read(LoadProperties load) {
            return new Settings(
                    load.integer("load.users", 100, 2, 100_000),
                    load.duration("load.ramp", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1)),
                    load.integer("load.sentences", 20, 1, 100_000),
                    load.duration("load.interval", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(10)),
                    load.integer("load.chat.p99Ms", 250, 1, 600_000),
                    load.number("load.chat.deliveryPercent", 99.9, 0, 100),
                    load.number("load.koPercent", 1.0, 0, 100),
                    load.duration("load.maxWait", Duration.ofMinutes(2), Duration.ZERO, Duration.ofHours(2)),
                    load.duration("load.linger", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(10)));
        }
    }

    private final LoadProperties load = LoadProperties.system();
    private final Settings settings = LoadProperties.read(() -> Settings.read(load));
    private final GodotTarget target = GodotTarget.fromSystemProperties(load);
    private final Godot godot = target.godot();
    private final LoadProfile profile = LoadProperties.read(() -> LoadProfile.read(load, godot, 1));
    private final int users = profile.users(settings.users());
    private final Duration ramp = profile.ramp(settings.ramp());
    private final ChatRoom room = new ChatRoom(godot, users, target.stressMode());
    private final Sentences sentences = LoadProperties.read(() -> Sentences.fromWordList("chat-words.csv"));

    private final ChainBuilder join = godot.connect();

    private final ChainBuilder chat = profile.repeat(settings.sentences(), feed(sentences)
            .pace(settings.interval().dividedBy(2), settings.interval().multipliedBy(3).dividedBy(2))
            .exec(room.say()));

    private final ChainBuilder stayUntilEveryoneHasSpoken = exec(godot.doneSending())
            .exec(godot.listenUntil(room.fanOut()::everyoneDone, settings.maxWait()))
            .exec(godot.listen(settings.linger()));

    private final ChainBuilder leave = godot.disconnect();

    private final ScenarioBuilder chatters = scenario("Chat stress").exec(profile.admit(
            exec(join)
                    .doIf(Godot::connected).then(chat)
                    .exec(stayUntilEveryoneHasSpoken)
                    .exec(leave)));

    {
        List<Assertion> assertions = new ArrayList<>(List.of(
                // the game's rows, not global(): Gatling counts every send as a 0 ms OK request
                details(ChatRoom.ROUND_TRIP).failedRequests().percent().lt(settings.koPercent()),
                details(ChatRoom.ROUND_TRIP).responseTime().percentile(99.0).lt(settings.roundTripP99Ms()),
                Godot.injectorHadRoom(),
                Godot.connectionsHeld()));
        assertions.addAll(Godot.contractHeld(ChatRoom.NODE));
        if (target.stressMode()) {
            // with stress mode off the server sends no copy to the others: there is no fan-out to judge
            assertions.add(details(ChatRoom.FAN_OUT).successfulRequests().percent().gte(settings.deliveryPercent()));
            // a run where no copy was recorded at all must not pass on an empty row
            assertions.add(details(ChatRoom.FAN_OUT).successfulRequests().count().gt(0L));
        }
        profile.breaksAt(ChatRoom.ROUND_TRIP, settings.roundTripP99Ms(), settings.koPercent())
                .onAdmissionClosed(admitted -> room.fanOut().participants(admitted));
        setUp(profile.populations(chatters, users, ramp, null))
                .protocols(godot.protocol())
                .assertions(assertions);
    }

    @Override
    public void before() {
        target.start();
        System.out.println("godot-load: chat stress, " + profile.describe(users, ramp) + ", up to " + settings.sentences()
                + " sentences each, against " + target.description());
    }

    @Override
    public void after() {
        System.out.println("godot-load: " + room.fanOut().summary());
        target.close();
    }
}
