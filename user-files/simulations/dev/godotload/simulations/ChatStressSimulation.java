package dev.godotload.simulations;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.List;

import dev.godotload.gatling.FanOut;
import dev.godotload.gatling.Godot;
import dev.godotload.gatling.GodotClock;
import dev.godotload.gatling.GodotTarget;
import dev.godotload.gatling.LoadProperties;
import dev.godotload.gatling.Sentences;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;

/**
 * Chat stress: users join a room one after another, each says a few random sentences about once
 * a second, and the server (in stress mode) rebroadcasts every sentence to everyone. A sender's
 * own copy is its round trip; every other copy is a fan-out delivery, timed from the moment it
 * was said. Users stay until everybody has spoken, so every copy has someone to arrive at.
 */
public class ChatStressSimulation extends Simulation {
    private static final String CHAT = "Main/Chat";

    /** The knobs, all {@code -D} (the README lists them); a bad value ends the run with one line. */
    private record Settings(int users, Duration ramp, int sentences, Duration interval, int roundTripP99Ms,
            double deliveryPercent, double koPercent, Duration maxWait) {
        static Settings read(LoadProperties load) {
            return new Settings(
                    load.integer("load.users", 100, 2, 100_000),
                    load.duration("load.ramp", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1)),
                    load.integer("load.sentences", 20, 1, 100_000),
                    load.duration("load.interval", Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(10)),
                    load.integer("load.chat.p99Ms", 250, 1, 600_000),
                    load.number("load.chat.deliveryPercent", 99.9, 0, 100),
                    load.number("load.koPercent", 1.0, 0, 100),
                    load.duration("load.maxWait", Duration.ofMinutes(2), Duration.ZERO, Duration.ofHours(2)));
        }
    }

    private final LoadProperties load = LoadProperties.system();
    private final Settings settings = LoadProperties.orExit(() -> Settings.read(load));
    private final GodotTarget target = GodotTarget.fromSystemProperties(load);
    private final Godot godot = target.godot();

    /** Every copy of a chat line; the sender's own copy says how many the others should get. */
    private final FanOut fanOut = godot.fanOut("chat fan-out", CHAT, "receive_message",
            rpc -> rpc.longArg(0), // from_peer
            rpc -> rpc.longArg(2), // sent_usec
            rpc -> rpc.longArg(3)) // seq
            .participants(settings.users());

    private final ScenarioBuilder chatters = scenario("Chat stress")
            .exec(godot.connect())
            .doIf(Godot::connected).then(
                    repeat(settings.sentences()).on(
                            feed(Sentences.fromWordList("chat-words.csv"))
                                    .pace(settings.interval().dividedBy(2), settings.interval().multipliedBy(3).dividedBy(2))
                                    .exec(godot.call(CHAT, "send_message", s -> List.of(
                                                    s.getString("sentence"),
                                                    GodotClock.nowMicros(),
                                                    Godot.user(s).next("chat seq")))
                                            .await("chat round trip", CHAT, "receive_message", (rpc, me) ->
                                                    rpc.longArg(0) == me.id() && rpc.longArg(3) == me.current("chat seq")))))
            .exec(godot.doneSending())
            .exec(godot.listenUntil(fanOut::everyoneDone, settings.maxWait()))
            .exec(godot.listen(Duration.ofSeconds(1)))
            .exec(godot.disconnect());

    {
        setUp(chatters.injectOpen(rampUsers(settings.users()).during(settings.ramp())))
                .protocols(godot.protocol())
                .assertions(
                        global().failedRequests().percent().lt(settings.koPercent()),
                        details("chat round trip").responseTime().percentile(99.0).lt(settings.roundTripP99Ms()),
                        details("chat fan-out").successfulRequests().percent().gte(settings.deliveryPercent()),
                        // a run where no copy was recorded at all must not pass on an empty row
                        details("chat fan-out").successfulRequests().count().gt(0L));
    }

    @Override
    public void before() {
        target.startOrExit();
        System.out.println("godot-load: chat stress, " + settings.users() + " users over " + settings.ramp().toSeconds()
                + " s, " + settings.sentences() + " sentences each, against " + target.description());
    }

    @Override
    public void after() {
        System.out.println("godot-load: " + fanOut.summary());
        target.close();
    }
}
