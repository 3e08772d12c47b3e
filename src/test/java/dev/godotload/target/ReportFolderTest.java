package dev.godotload.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFolderTest {
    @Test
    void theNewestRunOfTheSimulationWithALogIsTheCurrentOne(@TempDir Path results) throws Exception {
        for (String run : new String[] {"propsim-20261121080000001", "propsim-20261121090000001", "chatsim-20261121100000001"}) {
            Files.createDirectories(results.resolve(run));
            Files.writeString(results.resolve(run).resolve("simulation.log"), "x");
        }
        Files.createDirectories(results.resolve("propsim-20261121120000001")); // no log: not a run of ours
        assertThat(ReportFolder.newestRun(results, "propsim")).contains(results.resolve("propsim-20261121090000001"));
        assertThat(ReportFolder.newestRun(results, "othersim")).isEmpty();
        assertThat(ReportFolder.newestRun(results.resolve("missing"), "propsim")).isEmpty();
    }
}
