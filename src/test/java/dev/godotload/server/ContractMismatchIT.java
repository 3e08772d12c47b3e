package dev.godotload.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.godotload.contract.Contract;

/**
 * The chat job with a contract that has drifted from the server's scripts: one more method on
 * {@code Main/Chat}. The server refuses our checksum; every user records a KO {@code contract
 * Main/Chat} naming the contract file, the run ends with one line saying so, and it fails.
 */
class ContractMismatchIT {
    private static final int USERS = 4;

    @Test
    void aContractThatDiffersFromTheServersScriptsFailsTheRunAndSaysWhichNodeAndWhichFile(@TempDir Path dir)
            throws Exception {
        String bundled = new String(Contract.class.getClassLoader().getResourceAsStream(Contract.DEFAULT_RESOURCE)
                .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String marker = "{\"name\": \"send_message\"";
        assertThat(bundled).contains(marker);
        Path drifted = dir.resolve("drifted-contract.json");
        // sorts after the chat's two methods, so their ids stay: the run still works, and must still fail
        Files.writeString(drifted, bundled.replace(marker, "{\"name\": \"set_topic\", \"mode\": \"any_peer\", \"args\":"
                + " [\"String\"]},\n        " + marker));

        try (ServeProcess server = ServeProcess.start(dir.resolve("serve.log"), "--db", ":memory:", "--summary-every", "0")) {
            GatlingRun run = GatlingRun.start(dir, "drifted", "dev.godotload.simulations.ChatStressSimulation", List.of(
                    "godot.url=ws://127.0.0.1:" + server.port + "/", "godot.contract=" + drifted,
                    "load.users=" + USERS, "load.ramp=1s", "load.sentences=2", "load.interval=200ms", "load.maxWait=30s"));
            int exit = run.await();
            String console = run.consoleText();
            assertThat(exit).as("an assertion failed; the console:%n%s", console).isEqualTo(2);
            assertThat(console)
                    .contains("contract Main/Chat: count of failed events is 0.0 : false (actual : " + USERS + ".0)")
                    .contains("godot-load: the server's nodes differ from " + drifted + ": Main/Chat (" + USERS + " KO);"
                            + " see the 'contract <node>' rows, then fix the contract or the game's scripts")
                    // Gatling's error table wraps a long message where the temp folder's length puts the break
                    .contains("the server refused the checksum of Main/Chat's @rpc methods");
        }
    }
}
