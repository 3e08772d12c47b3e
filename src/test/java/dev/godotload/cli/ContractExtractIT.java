package dev.godotload.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.contract.ReplicatedProperty;
import dev.godotload.contract.ReplicationMode;
import dev.godotload.contract.RpcMode;
import dev.godotload.contract.RpcSpec;
import dev.godotload.contract.SpawnableScene;
import dev.godotload.contract.SpawnerSpec;
import dev.godotload.contract.SynchronizerSpec;
import dev.godotload.contract.TransferMode;
import dev.godotload.wire.variant.VariantType;

/**
 * {@code java -jar godot-load.jar contract ...} as a user runs it: the real Godot 4.6 engine reads the
 * projects (skipped without Chromium). One engine run a case.
 */
class ContractExtractIT {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run jar(String... args) throws Exception {
        boolean chromium = System.getenv("CHROMIUM_BIN") != null || List.of(System.getenv().getOrDefault("PATH", "")
                .split(File.pathSeparator)).stream().anyMatch(d -> Files.isExecutable(Path.of(d, "chromium"))
                || Files.isExecutable(Path.of(d, "chromium-browser")));
        assumeTrue(chromium, "skipped, Chromium is not installed (apt-get install -y chromium)");
        Path jar = Path.of(System.getProperty("godotload.jar", "target/godot-load.jar"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("contract-out", ".txt");
        Path err = Files.createTempFile("contract-err", ".txt");
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished within 120 s").isTrue();
            System.out.printf("godot-load: %s took %d ms%n", String.join(" ", args), (System.nanoTime() - t0) / 1_000_000);
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void theGodot4ServerHasTheBundledContract() throws Exception {
        Path file = dir.resolve("server-godot4.json");
        Run r = jar("contract", "godot/server-godot4", "--out", file.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("godot-load contract: 4 RPC nodes, 0 spawners (0 spawnable scenes), 0 synchronizers"
                + " in res://main.tscn of godot/server-godot4; written to " + file + "\n");
        Contract extracted = Contract.load(file.toString()); // as -Dgodot.contract=FILE reads it
        assertThat(extracted.description()).contains("\"godot-load-server-godot4\"", "godot/server-godot4", "res://main.tscn",
                "Godot 4.6");
        assertThat(new HashSet<>(extracted.nodes())).as("nodes, RPC names, modes and argument types, in any order")
                .isEqualTo(new HashSet<>(Contract.bundled().nodes()));
        assertThat(extracted.spawners()).isEmpty();
        assertThat(extracted.synchronizers()).isEmpty();
    }

    @Test
    void theReplicationFixtureHasItsSpawnerAndSynchronizers() throws Exception {
        Run r = jar("contract", "src/test/resources/godot4/replication");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).as("the fixture's _ready() push_error()s: it never ran")
                .isEqualTo("godot-load contract: 3 RPC nodes, 1 spawner (1 spawnable scene), 2 synchronizers"
                        + " in res://main.tscn of src/test/resources/godot4/replication\n");
        Contract extracted = Contract.parse(new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)), "stdout");

        SpawnableScene player = new SpawnableScene("res://player.tscn",
                List.of(new NodeSpec(".", List.of(new RpcSpec("wave", RpcMode.ANY_PEER, List.of(VariantType.INT),
                                TransferMode.UNRELIABLE, 2, false))),
                        new NodeSpec("Head", List.of(new RpcSpec("look", RpcMode.AUTHORITY,
                                Arrays.asList(null, VariantType.FLOAT))))),
                List.of(new SynchronizerSpec("Sync", "..", 0, 0, true, List.of(
                        new ReplicatedProperty(".:position", VariantType.VECTOR3, true, ReplicationMode.ALWAYS),
                        new ReplicatedProperty(".:rotation", VariantType.VECTOR3, false, ReplicationMode.ALWAYS),
                        new ReplicatedProperty(".:stamp", VariantType.INT, false, ReplicationMode.ALWAYS)))));
        Contract expected = new Contract("",
                List.of(new NodeSpec("Main", List.of(new RpcSpec("announce", RpcMode.AUTHORITY,
                        List.of(VariantType.STRING, VariantType.INT), TransferMode.RELIABLE, 0, true)))),
                List.of(new SpawnerSpec("Main/PlayerSpawner", "Main/Players", 4, List.of(player))),
                List.of(new SynchronizerSpec("Main/ScoreSync", "..", 0.5, 0, false, List.of(
                        new ReplicatedProperty(".:score", VariantType.INT, true, ReplicationMode.ON_CHANGE)))));
        assertThat(extracted.spawners()).isEqualTo(expected.spawners());
        assertThat(extracted.synchronizers()).isEqualTo(expected.synchronizers());
        assertThat(extracted.withDescription("")).isEqualTo(expected);
        assertThat(extracted.toJson()).as("printed as toJson() writes it").isEqualTo(r.out());
    }

    @Test
    void aProjectWhoseSceneDoesNotExistIsOneLineAndStatus2() throws Exception {
        Files.writeString(dir.resolve("project.godot"),
                "config_version=5\n\n[application]\n\nconfig/name=\"gone\"\nrun/main_scene=\"res://levels/missing.tscn\"\n");
        Run r = jar("contract", dir.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("godot-load contract: the scene res://levels/missing.tscn does not exist\n");
        assertThat(r.out()).isEmpty();
    }
}
