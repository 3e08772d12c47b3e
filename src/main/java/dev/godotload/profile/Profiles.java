package dev.godotload.profile;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import java.util.List;

import io.gatling.javaapi.core.PopulationBuilder;

/** What the profiles share. */
final class Profiles {
    private Profiles() {
    }

    /** {@code users}, then {@code afterwards} by one user once they are all gone. */
    static List<PopulationBuilder> rampThen(PopulationBuilder users, LoadProfile.Afterwards afterwards) {
        if (afterwards == null) {
            return List.of(users);
        }
        return List.of(users.andThen(scenario(afterwards.scenario()).exec(afterwards.chain()).injectOpen(atOnceUsers(1))));
    }
}
