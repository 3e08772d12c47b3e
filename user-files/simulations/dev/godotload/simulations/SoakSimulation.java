package dev.godotload.simulations;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.details;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.godotload.demo.ChatRoom;
import dev.godotload.demo.Selections;
import dev.godotload.demo.Sentences;
import dev.godotload.demo.SharedWorld;
import dev.godotload.gatling.Godot;
import dev.godotload.target.GodotTarget;
import dev.godotload.target.LoadProperties;

import io.gatling.javaapi.core.Assertion;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.core.Simulation;

/**
 * Soak: the chat and the prop world at once, at a steady population, for a long time (30 minutes by
 * default). Chatters say a sentence about every 2 s and editors merge 2 or 3 props, 2,400 merges
 * spread over the soak (every 15 s each for 20 editors over 30 minutes: the world read back at the
 * end must fit one message, and stays sparse enough that a lost merge shows), all for
 * {@code load.duration} after they joined; then, as in the two jobs, everyone waits for the
 * others, one reader reads the world back, and the run ends with both delivery ratios and the
 * integrity verdict. bench/soak.sh runs it and samples the heap meanwhile (docs/benchmarks.md#soak).
 *
 * <p>Both kinds of user are one population, so the reader starts only once every one of them has
 * left: a copy still on its way to a chatter is counted before the last user out records what is
 * missing. Editors are spread evenly through the ramp.
 */
public class SoakSimulation extends Simulation {

    /** The knobs, all {@code -D} (docs/running.md lists them); a bad value stops the run with one line. */
    private record Settings(int chatters, int editors, Duration ramp, Duration duration, Duration chatInterval,
            Duration mergeInterval, int minProps, int maxProps, int roundTripP99Ms, int mergeP99Ms,
            double chatDeliveryPercent, double worldDeliveryPercent, double koPercent, Duration maxWait, String catalog) {
        /** The merges of a soak by default, whatever its length: their state fits one message with room to spare. */
        static final int MERGES = 2_400;

        static Settings read(LoadProperties load) {
            int minProps = load.integer("load.minProps", 2, 2, 64);
            int maxProps = load.integer("load.maxProps", 3, minProps, 64);
            int editors = load.integer("load.editors", 20, 1, 100_000);
            Duration duration = load.duration("load.duration", Duration.ofMinutes(30), Duration.ofSeconds(1), Duration.ofHours(24));
            Duration mergeInterval = load.duration("load.merge.interval",
                    max(Duration.ofMillis(10), duration.multipliedBy(editors).dividedBy(MERGES)), Duration.ofMillis(10),
                    Duration.ofHours(1));
            // The world is read back at the end in one receive_state, at most 65,535 bytes: a merge of k props adds at
            // most one group (8 bytes) and k members (4 each) to it.
            long merges = editors * (duration.toMillis() / mergeInterval.toMillis() + 1);
            long stateBytes = merges * (8 + 4L * maxProps);
            if (stateBytes > 65_000) {
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "bad -Dload.merge.interval='%s':"
                        + " %,d editors merging up to %d props every %d ms for %d s make about %,d merges, whose world may not"
                        + " fit the one receive_state message (65,535 bytes) the run reads back at the end; at most %,d"
                        + " merges of up to %d props fit: raise the interval, or lower load.editors, load.duration or load.maxProps",
                        load.string("load.merge.interval", mergeInterval.toMillis() + "ms"), editors, maxProps,
                        mergeInterval.toMillis(), duration.toSeconds(), merges, 65_000 / (8 + 4 * maxProps), maxProps));
            }
            return new Settings(
                    load.integer("load.users", 200, 2, 100_000),
                    editors,
                    load.duration("load.ramp", Duration.ofSeconds(60), Duration.ZERO, Duration.ofHours(1)),
                    duration,
                    load.duration("load.chat.interval", Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMinutes(10)),
                    mergeInterval,
                    minProps,
                    maxProps,
                    // the soak gates on heap and loss; the sampler's forced collection every 10 s pauses both sides
                    load.integer("load.chat.p99Ms", 1_000, 1, 600_000),
                    load.integer("load.merge.p99Ms", 1_000, 1, 600_000),
                    load.number("load.chat.deliveryPercent", 100, 0, 100),
                    load.number("load.world.deliveryPercent", 100, 0, 100),
                    load.number("load.koPercent", 1.0, 0, 100),
                    load.duration("load.maxWait", Duration.ofMinutes(2), Duration.ZERO, Duration.ofHours(2)),
                    load.string("load.catalog", "prop-catalog.csv"));
        }

        private static Duration max(Duration a, Duration b) {
            return a.compareTo(b) >= 0 ? a : b;
        }

        int everyone() {
            return chatters + editors;
        }

        /** Whether the {@code n}-th user of the population (from 1) merges: every (everyone / editors)-th, evenly. */
        boolean editor(long n) {
            return n * editors / everyone() > (n - 1) * editors / everyone();
        }
    }

    private static final String NUMBER = "soak user";

    private final LoadProperties load = LoadProperties.system();
    private final Settings settings = LoadProperties.read(() -> Settings.read(load));
    private final Sentences sentences = LoadProperties.read(() -> Sentences.fromWordList("chat-words.csv"));
    private final Selections props = LoadProperties.read(() -> Selections.fromCatalog(
            settings.catalog(), settings.minProps(), settings.maxProps()));
    private final GodotTarget target = GodotTarget.fromSystemProperties(load).worldProps(props.maxId());
    private final Godot godot = target.godot();
    // every user, chatter or editor, is told of every chat line and every merge, and waits for all of them
    private final ChatRoom room = new ChatRoom(godot, settings.everyone(), target.stressMode());
    private final SharedWorld world = new SharedWorld(godot, settings.everyone());
    private final AtomicLong joined = new AtomicLong();

    private final ChainBuilder join = exec(s -> s.set(NUMBER, joined.incrementAndGet())).exec(godot.connect());

    private final ChainBuilder chat = during(settings.duration()).on(
            feed(sentences)
                    .pace(settings.chatInterval().dividedBy(2), settings.chatInterval().multipliedBy(3).dividedBy(2))
                    .exec(room.say()));

    private final ChainBuilder glueAndMerge = during(settings.duration()).on(
            feed(props)
                    .pace(settings.mergeInterval().dividedBy(2), settings.mergeInterval().multipliedBy(3).dividedBy(2))
                    .exec(world.merge()));

    private final ChainBuilder stayUntilEveryoneIsDone = exec(godot.doneSending())
            .exec(godot.listenUntil(() -> room.fanOut().everyoneDone() && world.fanOut().everyoneDone(), settings.maxWait()))
            .exec(godot.listen(Duration.ofSeconds(1)));

    private final ChainBuilder leave = godot.disconnect();

    private final ScenarioBuilder soakers = scenario("Soak")
            .exec(join)
            .doIf(Godot::connected).then(
                    doIfOrElse(this::editor).then(glueAndMerge).orElse(chat))
            .exec(stayUntilEveryoneIsDone)
            .exec(leave);

    private final ScenarioBuilder reader = scenario("World read-back")
            .exec(godot.connect())
            .doIf(Godot::connected).then(world.readBackAndJudge())
            .exec(leave);

    {
        List<Assertion> assertions = new ArrayList<>(List.of(
                // the game's rows, not global(): Gatling counts every send as a 0 ms OK request
                details(ChatRoom.ROUND_TRIP).failedRequests().percent().lt(settings.koPercent()),
                details(SharedWorld.MERGE).failedRequests().percent().lt(settings.koPercent()),
                Godot.injectorHadRoom(),
                Godot.connectionsHeld(),
                details(ChatRoom.ROUND_TRIP).responseTime().percentile(99.0).lt(settings.roundTripP99Ms()),
                details(SharedWorld.MERGE).responseTime().percentile(99.0).lt(settings.mergeP99Ms()),
                details(SharedWorld.INTEGRITY).failedRequests().count().is(0L),
                // a run that never read the world back must not pass on an empty row
                details(SharedWorld.INTEGRITY).successfulRequests().count().is(1L),
                details(SharedWorld.FAN_OUT).successfulRequests().percent().gte(settings.worldDeliveryPercent()),
                details(SharedWorld.FAN_OUT).successfulRequests().count().gt(0L)));
        assertions.addAll(Godot.contractHeld(ChatRoom.NODE, SharedWorld.NODE));
        if (target.stressMode()) {
            // as in the chat job: with stress mode off no chat copy goes to the others
            assertions.add(details(ChatRoom.FAN_OUT).successfulRequests().percent().gte(settings.chatDeliveryPercent()));
            assertions.add(details(ChatRoom.FAN_OUT).successfulRequests().count().gt(0L));
        }
        setUp(soakers.injectOpen(rampUsers(settings.everyone()).during(settings.ramp()))
                .andThen(reader.injectOpen(atOnceUsers(1))))
                .protocols(godot.protocol())
                .assertions(assertions);
    }

    private boolean editor(Session s) {
        return settings.editor(s.getLong(NUMBER));
    }

    @Override
    public void before() {
        target.start();
        System.out.println("godot-load: soak, " + settings.chatters() + " chatters (a sentence every "
                + settings.chatInterval().toMillis() + " ms) and " + settings.editors() + " editors (a merge of "
                + settings.minProps() + " to " + settings.maxProps() + " props every " + settings.mergeInterval().toMillis()
                + " ms) over " + settings.ramp().toSeconds() + " s, each for " + settings.duration().toSeconds()
                + " s, against " + target.description());
    }

    @Override
    public void after() {
        System.out.println("godot-load: " + room.fanOut().summary());
        world.report(getClass(), target.description(), settings.editors(),
                (int) (settings.duration().toMillis() / settings.mergeInterval().toMillis()));
        target.close();
    }
}
