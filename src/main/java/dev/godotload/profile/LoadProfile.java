package dev.godotload.profile;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.doIf;
import static io.gatling.javaapi.core.CoreDsl.rampUsers;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

import dev.godotload.gatling.Godot;
import dev.godotload.target.LoadProperties;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.CoreDsl;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * How a simulation's users arrive, chosen with {@code -Dload.profile}: {@code smoke} (seconds, a
 * handful of users: what CI runs), {@code ramp} (the default: {@code load.users} over
 * {@code load.ramp}), {@code spike} (half the users join over the ramp, then the other half at once)
 * and {@code stress} (the population rises in steps until a bound breaks; see {@link Stress}).
 *
 * <p>A simulation reads its usual knobs, passes them through {@link #users}, {@link #ramp} and
 * {@link #repeat}, wraps each user's story in {@link #admit}, and builds its populations with
 * {@link #populations}.
 */
public sealed interface LoadProfile permits LoadProfile.Smoke, LoadProfile.Ramp, LoadProfile.Spike, Stress {
    String PROPERTY = "load.profile";

    /**
     * Reads {@code -Dload.profile} (and the stress profile's own knobs); one line when it is bad.
     *
     * @param waves how many waves the ramp profile's users join in unless {@code -Dload.waves} says
     */
    static LoadProfile read(LoadProperties load, Godot godot, int waves) {
        String name = load.string(PROPERTY, "ramp");
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "smoke" -> new Smoke();
            case "ramp" -> new Ramp(load.integer("load.waves", waves, 1, 1_000));
            case "spike" -> new Spike();
            case "stress" -> Stress.read(load, godot);
            default -> throw new IllegalArgumentException("bad -D" + PROPERTY + "='" + name + "': expected smoke (seconds, a"
                    + " handful of users), ramp (load.users over load.ramp, the default), spike (a burst of joins on a"
                    + " steady crowd) or stress (steps up to load.users until a bound breaks)");
        };
    }

    /** The profile's name, as {@code -Dload.profile} spells it. */
    String name();

    /** How many users this profile starts, given the simulation's {@code load.users}. */
    default int users(int planned) {
        return planned;
    }

    /** The ramp, given the simulation's {@code load.ramp}. */
    default Duration ramp(Duration planned) {
        return planned;
    }

    /**
     * Repeats a user's {@code activity} (a sentence, a merge) {@code times} times while the user is
     * connected; under stress, until the stress is over.
     */
    default ChainBuilder repeat(int times, ChainBuilder activity) {
        return CoreDsl.repeat(times).on(doIf(Godot::connected).then(activity));
    }

    /** A user's whole story; under stress, users that arrive after the stress ended skip it. */
    default ChainBuilder admit(ChainBuilder story) {
        return story;
    }

    /**
     * The bound whose break ends a stress run: {@code row}'s p99 over a step above {@code p99Ms}, or
     * more than {@code koPercent} of its entries failed. Other profiles ignore it.
     */
    default LoadProfile breaksAt(String row, int p99Ms, double koPercent) {
        return this;
    }

    /**
     * Called with the number of users admitted once no more will be (stress only): the fan-outs
     * expect that many senders.
     */
    default LoadProfile onAdmissionClosed(IntConsumer users) {
        return this;
    }

    /**
     * The populations of a run: {@code users} of {@code scenario} over {@code ramp}, then, once they
     * are all gone, {@code afterwards} (a read-back, a verdict) run once, or null.
     */
    List<PopulationBuilder> populations(ScenarioBuilder scenario, int users, Duration ramp, Afterwards afterwards);

    /** One phrase for the console, e.g. "100 users over 30 s". */
    String describe(int users, Duration ramp);

    /** What one user does once all the others are gone (a read-back, a verdict): a scenario of its own. */
    record Afterwards(String scenario, ChainBuilder chain) {
    }

    /** A few users for a few seconds, whatever {@code load.users} says: a run that proves the set-up works. */
    record Smoke() implements LoadProfile {
        static final int USERS = 5;
        static final Duration RAMP = Duration.ofSeconds(2);
        static final int REPEATS = 3;

        @Override
        public String name() {
            return "smoke";
        }

        @Override
        public int users(int planned) {
            return Math.min(planned, USERS);
        }

        @Override
        public Duration ramp(Duration planned) {
            return planned.compareTo(RAMP) < 0 ? planned : RAMP;
        }

        @Override
        public ChainBuilder repeat(int times, ChainBuilder activity) {
            return LoadProfile.super.repeat(Math.min(times, REPEATS), activity);
        }

        @Override
        public List<PopulationBuilder> populations(ScenarioBuilder scenario, int users, Duration ramp, Afterwards afterwards) {
            return Profiles.rampThen(scenario.injectOpen(rampUsers(users).during(ramp)), afterwards);
        }

        @Override
        public String describe(int users, Duration ramp) {
            return "smoke: " + users + " users over " + ramp.toSeconds() + " s, " + REPEATS + " rounds each at most";
        }
    }

    /**
     * {@code load.users} join evenly over {@code load.ramp}; in {@code waves} waves, each wave joins
     * over the first half of its share of the ramp and the second half is quiet.
     */
    record Ramp(int waves) implements LoadProfile {
        @Override
        public String name() {
            return "ramp";
        }

        @Override
        public List<PopulationBuilder> populations(ScenarioBuilder scenario, int users, Duration ramp, Afterwards afterwards) {
            if (waves == 1) {
                return Profiles.rampThen(scenario.injectOpen(rampUsers(users).during(ramp)), afterwards);
            }
            Duration half = ramp.dividedBy(2L * waves);
            List<io.gatling.javaapi.core.OpenInjectionStep> steps = new java.util.ArrayList<>();
            for (int w = 0; w < waves; w++) {
                int n = users * (w + 1) / waves - users * w / waves;
                steps.add(rampUsers(n).during(half));
                if (w < waves - 1) {
                    steps.add(io.gatling.javaapi.core.CoreDsl.nothingFor(half));
                }
            }
            return Profiles.rampThen(scenario.injectOpen(steps), afterwards);
        }

        @Override
        public String describe(int users, Duration ramp) {
            return users + " users over " + ramp.toSeconds() + " s" + (waves > 1 ? " in " + waves + " waves" : "");
        }
    }

    /**
     * A burst of joins on a steady crowd: half of {@code load.users} join evenly over
     * {@code load.ramp}; when the last of them has joined, the other half join at once. What a server
     * sees when a stream or an event sends everyone into a world at the same moment.
     */
    record Spike() implements LoadProfile {
        @Override
        public String name() {
            return "spike";
        }

        static int crowd(int users) {
            return users / 2;
        }

        @Override
        public List<PopulationBuilder> populations(ScenarioBuilder scenario, int users, Duration ramp, Afterwards afterwards) {
            int crowd = crowd(users);
            return Profiles.rampThen(scenario.injectOpen(rampUsers(crowd).during(ramp), atOnceUsers(users - crowd)),
                    afterwards);
        }

        @Override
        public String describe(int users, Duration ramp) {
            return "spike: " + crowd(users) + " users over " + ramp.toSeconds() + " s, then " + (users - crowd(users))
                    + " at once";
        }
    }
}
