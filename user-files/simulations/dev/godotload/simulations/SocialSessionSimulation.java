package dev.godotload.simulations;

import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.pace;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.godotload.demo.Avatars;
import dev.godotload.demo.ChatRoom;
import dev.godotload.demo.Selections;
import dev.godotload.demo.Sentences;
import dev.godotload.demo.SharedWorld;
import dev.godotload.gatling.Godot;
import dev.godotload.profile.LoadProfile;
import dev.godotload.target.GodotTarget;
import dev.godotload.target.LoadProperties;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

/**
 * A social-VR session: users join in waves; each streams its head pose several times a second,
 * says something now and then, and now and then glues a few props in a burst of merges. Everyone
 * sees everyone's poses, lines and merges. When all have left, one user reads the world back and
 * every merge is checked against it. The mix is the point: a server that holds each workload alone
 * can fail them together.
 */
public class SocialSessionSimulation extends Simulation {

    /** The knobs, all {@code -D} (docs/running.md lists them); a bad value stops the run with one line. */
    private record Settings(int users, Duration ramp, int poseHz, Duration session, Duration chatEvery, Duration mergeEvery,
            int mergeBurst, int poseP99Ms, int chatP99Ms, int mergeP99Ms, double deliveryPercent, double koPercent,
            Duration maxWait) {
        static Settings read(LoadProperties load) {
            return new Settings(
                    load.integer("load.users", 50, 2, 100_000),
                    load.duration("load.ramp", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1)),
                    load.integer("load.poseHz", 10, 1, 120),
                    load.duration("load.session", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(4)),
                    load.duration("load.chatEvery", Duration.ofSeconds(5), Duration.ofMillis(100), Duration.ofHours(1)),
                    load.duration("load.mergeEvery", Duration.ofSeconds(20), Duration.ofMillis(100), Duration.ofHours(1)),
                    load.integer("load.mergeBurst", 3, 1, 100),
                    load.integer("load.pose.p99Ms", 100, 1, 600_000),
                    load.integer("load.chat.p99Ms", 250, 1, 600_000),
                    load.integer("load.merge.p99Ms", 500, 1, 600_000),
                    load.number("load.deliveryPercent", 99.9, 0, 100),
                    load.number("load.koPercent", 1.0, 0, 100),
                    load.duration("load.maxWait", Duration.ofMinutes(2), Duration.ZERO, Duration.ofHours(2)));
        }

        /** Seconds in a session. */
        int seconds() {
            return (int) Math.max(1, session.toSeconds());
        }

        static int secondsOf(Duration every) {
            return (int) Math.max(1, every.toSeconds());
        }
    }

    /** A user's clock: the seconds of its session so far. */
    private static final String SECOND = "social second";

    private final LoadProperties load = LoadProperties.system();
    private final Settings settings = LoadProperties.read(() -> Settings.read(load));
    private final Selections props = LoadProperties.read(() -> Selections.fromCatalog("prop-catalog.csv", 2, 4));
    private final GodotTarget target = GodotTarget.fromSystemProperties(load).worldProps(props.maxId());
    private final Godot godot = target.godot();
    private final LoadProfile profile = LoadProperties.read(() -> LoadProfile.read(load, godot, 3));
    private final int users = profile.users(settings.users());
    private final Duration ramp = profile.ramp(settings.ramp());
    private final Avatars avatars = new Avatars(godot, users);
    private final ChatRoom room = new ChatRoom(godot, users, target.stressMode());
    private final SharedWorld world = new SharedWorld(godot, users);
    private final Sentences sentences = LoadProperties.read(() -> Sentences.fromWordList("chat-words.csv"));

    private final ChainBuilder join = godot.connect();

    private final ChainBuilder moveHead = pace(Duration.ofMillis(1000 / settings.poseHz())).exec(avatars.movePose());

    private final ChainBuilder sayHi = feed(sentences).exec(room.say());

    private final ChainBuilder buildSomething = repeat(settings.mergeBurst()).on(feed(props).exec(world.merge()));

    /** One second of a session: a pose every 1/poseHz s, now and then a line or a burst of merges. */
    private final ChainBuilder oneSecond = exec(s -> {
        Godot.user(s).next(SECOND);
        return s;
    })
            .doIf(s -> every(s, Settings.secondsOf(settings.chatEvery()))).then(sayHi)
            .doIf(s -> every(s, Settings.secondsOf(settings.mergeEvery()))).then(buildSomething)
            .repeat(settings.poseHz()).on(moveHead);

    private final ChainBuilder hangOut = profile.repeat(settings.seconds(), oneSecond);

    private final ChainBuilder stayUntilEveryoneIsDone = exec(godot.doneSending())
            .exec(godot.listenUntil(() -> avatars.fanOut().everyoneDone() && room.fanOut().everyoneDone()
                    && world.fanOut().everyoneDone(), settings.maxWait()))
            .exec(godot.listen(Duration.ofSeconds(1)));

    private final ChainBuilder leave = godot.disconnect();

    private final ScenarioBuilder visitors = scenario("Social session").exec(profile.admit(
            exec(join)
                    .doIf(Godot::connected).then(hangOut)
                    .exec(stayUntilEveryoneIsDone)
                    .exec(leave)));

    private final LoadProfile.Afterwards readBack = new LoadProfile.Afterwards("World read-back",
            exec(join).doIf(Godot::connected).then(world.readBackAndJudge()).exec(leave));

    {
        List<Assertion> assertions = new ArrayList<>(List.of(
                details(Avatars.FAN_OUT).responseTime().percentile(99.0).lt(settings.poseP99Ms()),
                details(Avatars.FAN_OUT).successfulRequests().percent().gte(settings.deliveryPercent()),
                details(Avatars.FAN_OUT).successfulRequests().count().gt(0L),
                details(ChatRoom.ROUND_TRIP).responseTime().percentile(99.0).lt(settings.chatP99Ms()),
                details(SharedWorld.MERGE).responseTime().percentile(99.0).lt(settings.mergeP99Ms()),
                details(SharedWorld.FAN_OUT).successfulRequests().percent().gte(settings.deliveryPercent()),
                details(SharedWorld.INTEGRITY).failedRequests().count().is(0L),
                details(SharedWorld.INTEGRITY).successfulRequests().count().is(1L),
                // the game's rows, not global(): Gatling counts every send as a 0 ms OK request
                details(ChatRoom.ROUND_TRIP).failedRequests().percent().lt(settings.koPercent()),
                details(SharedWorld.MERGE).failedRequests().percent().lt(settings.koPercent()),
                Godot.injectorHadRoom(),
                Godot.connectionsHeld()));
        if (target.stressMode()) {
            assertions.add(details(ChatRoom.FAN_OUT).successfulRequests().percent().gte(settings.deliveryPercent()));
        }
        assertions.addAll(Godot.contractHeld(Avatars.NODE, ChatRoom.NODE, SharedWorld.NODE));
        profile.breaksAt(Avatars.FAN_OUT, settings.poseP99Ms(), 100 - settings.deliveryPercent())
                .breaksAt(ChatRoom.ROUND_TRIP, settings.chatP99Ms(), settings.koPercent())
                .onAdmissionClosed(admitted -> {
                    avatars.fanOut().participants(admitted);
                    room.fanOut().participants(admitted);
                    world.fanOut().participants(admitted);
                });
        setUp(profile.populations(visitors, users, ramp, readBack))
                .protocols(godot.protocol())
                .assertions(assertions);
    }

    /** True in the first second of the user's session and every {@code n}-th after it. */
    private static boolean every(Session s, int n) {
        return (Godot.user(s).current(SECOND) - 1) % n == 0;
    }

    @Override
    public void before() {
        target.start();
        System.out.println("godot-load: social session, " + profile.describe(users, ramp) + ", sessions of up to "
                + settings.session().toSeconds() + " s (a round is a second): a pose " + settings.poseHz() + " times a second, a line every "
                + settings.chatEvery().toSeconds() + " s, " + settings.mergeBurst() + " merges every "
                + settings.mergeEvery().toSeconds() + " s, against " + target.description());
    }

    @Override
    public void after() {
        System.out.println("godot-load: " + avatars.fanOut().summary());
        world.report(getClass(), target.description(), users,
                (settings.seconds() + Settings.secondsOf(settings.mergeEvery()) - 1) / Settings.secondsOf(settings.mergeEvery())
                        * settings.mergeBurst());
        System.out.println("godot-load: " + room.fanOut().summary());
        target.close();
    }
}
