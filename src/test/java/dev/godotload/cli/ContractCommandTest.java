package dev.godotload.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.godotload.contract.Contract;
import dev.godotload.contract.NodeSpec;
import dev.godotload.contract.RpcMode;
import dev.godotload.contract.RpcSpec;
import dev.godotload.contract.SpawnableScene;
import dev.godotload.contract.SpawnerSpec;
import dev.godotload.contract.SynchronizerSpec;

/** {@code contract}'s command line and its failures before any engine runs (the engine runs in ContractExtractIT). */
class ContractCommandTest {
    @TempDir
    Path dir;

    private record Result(int status, String out, String err) {
    }

    private static Result main(String... args) {
        return main(Map.of(), args);
    }

    private static Result main(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env).execute(args);
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void parsesTheProjectTheSceneTheTimeoutAndTheFile() throws Exception {
        assertThat(ContractCommand.parse(List.of("proj"))).isEqualTo(new ContractCommand.Options(Path.of("proj"),
                Optional.empty(), Duration.ofSeconds(60), Optional.empty()));
        Path file = dir.resolve("c.json");
        assertThat(ContractCommand.parse(List.of("--scene", "res://levels/arena.tscn", "proj", "--timeout", "90s", "--out",
                file.toString()))).isEqualTo(new ContractCommand.Options(Path.of("proj"), Optional.of("res://levels/arena.tscn"),
                Duration.ofSeconds(90), Optional.of(file)));
    }

    @Test
    void aWrongCommandLineIsOneLineTheUsageAndStatus2() {
        String[][] wrong = {
                {"contract"},
                {"contract", "a", "b"},
                {"contract", "p", "--scene", "main.tscn"},
                {"contract", "p", "--scene", "res://"},
                {"contract", "p", "--timeout", "never"},
                {"contract", "p", "--out", dir.toString()},
                {"contract", "p", "--out", dir.resolve("no/such/folder/c.json").toString()},
                {"contract", "p", "--check"}};
        String[] first = {
                "godot-load contract: which project? give a Godot 4 project folder (the one holding project.godot)",
                "godot-load contract: one project folder, got 'a' and 'b'",
                "godot-load contract: --scene takes a scene's res:// path, e.g. res://levels/arena.tscn, got 'main.tscn'",
                "godot-load contract: --scene takes a scene's res:// path, e.g. res://levels/arena.tscn, got 'res://'",
                "godot-load contract: --timeout takes a duration from 1ms to 24h",
                "godot-load contract: --out " + dir + " is a folder; name the file to write",
                "godot-load contract: --out " + dir.resolve("no/such/folder/c.json") + ": the folder "
                        + dir.resolve("no/such/folder") + " does not exist",
                "godot-load contract: unknown option --check"};
        for (int i = 0; i < wrong.length; i++) {
            Result r = main(wrong[i]);
            String what = String.join(" ", wrong[i]);
            assertThat(r.status()).as(what).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(what).hasSize(3);
            assertThat(r.err().lines().findFirst().orElseThrow()).as(what).startsWith(first[i]);
            assertThat(r.err()).as(what).contains("usage: java -jar godot-load.jar " + ContractCommand.USAGE);
            assertThat(r.out()).as(what).isEmpty();
        }
    }

    @Test
    void notAGodot4ProjectIsOneLineAndStatus2() throws Exception {
        Result none = main("contract", dir.toString());
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).isEqualTo("godot-load contract: " + dir + " is not a Godot project: it has no project.godot\n");
        Files.writeString(dir.resolve("project.godot"), "config_version=4\n");
        Result godot3 = main("contract", dir.toString());
        assertThat(godot3.status()).isEqualTo(2);
        assertThat(godot3.err()).startsWith("godot-load contract: " + dir + " is a Godot 3 (or older) project").hasLineCount(1);
        assertThat(godot3.out()).isEmpty();
    }

    @Test
    void withoutChromiumItIsOneLineAndStatus1() throws Exception {
        Files.writeString(dir.resolve("project.godot"), "config_version=5\n");
        Result r = main(Map.of("PATH", dir.toString()), "contract", dir.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).startsWith("godot-load contract: Chromium is not installed").hasLineCount(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theHelpSaysWhatItReads() {
        Result r = main("contract", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).startsWith("usage: java -jar godot-load.jar contract PROJECT_DIR [--scene res://main.tscn]")
                .contains("@rpc methods", "MultiplayerSpawner", "-Dgodot.contract=FILE", "--scene SCENE", "--out FILE");
        assertThat(main("help").out()).contains("contract PROJECT_DIR [--scene res://main.tscn]");
    }

    @Test
    void theSummaryCountsWhatWasFound() {
        assertThat(ContractCommand.summary(Contract.bundled()))
                .isEqualTo("4 RPC nodes, 0 spawners (0 spawnable scenes), 0 synchronizers");
        NodeSpec wave = new NodeSpec(".", List.of(new RpcSpec("wave", RpcMode.ANY_PEER, List.of())));
        SynchronizerSpec sync = new SynchronizerSpec("Sync", "..", 0, 0, true, List.of());
        Contract game = new Contract("", List.of(), List.of(new SpawnerSpec("Main/Spawner", "Main/Players", 0,
                List.of(new SpawnableScene("res://player.tscn", List.of(wave), List.of(sync))))), List.of());
        assertThat(ContractCommand.summary(game)).as("a spawnable scene's nodes and synchronizers count too")
                .isEqualTo("1 RPC node, 1 spawner (1 spawnable scene), 1 synchronizer");
    }
}
