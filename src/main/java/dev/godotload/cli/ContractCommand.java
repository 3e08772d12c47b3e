package dev.godotload.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.godotload.contract.Contract;
import dev.godotload.contract.SpawnableScene;
import dev.godotload.contract.SpawnerSpec;
import dev.godotload.engine.web.ContractExtract;
import dev.godotload.engine.web.EngineSetupException;
import dev.godotload.engine.web.GodotProject;
import dev.godotload.engine.web.WebRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code contract PROJECT_DIR [--scene res://main.tscn] [--timeout 60s] [--out FILE]}: the contract of a
 * Godot 4 project, read by the real Godot 4.6 engine ({@link ContractExtract}), as the JSON
 * {@code -Dgodot.contract=FILE} takes. It goes to standard output, or to {@code --out}; one line on
 * standard error says what was found. Exit status 0; 1 when the engine failed or is unavailable; 2 for
 * a wrong command line, a folder that is not a Godot 4 project, or a scene that does not exist.
 */
@Command(name = "contract", customSynopsis = ContractCommand.USAGE,
        description = {"Reads the contract of a Godot 4 project in the real Godot 4.6 engine: the @rpc methods of its",
                "scene's nodes, its MultiplayerSpawners and MultiplayerSynchronizers, without running the game.",
                "Prints the JSON that -Dgodot.contract=FILE takes (or writes it to --out)."},
        descriptionHeading = "%n", parameterListHeading = "%n", optionListHeading = "%noptions:%n", sortOptions = false)
final class ContractCommand implements Callable<Integer> {
    static final String USAGE = "contract PROJECT_DIR [--scene res://main.tscn] [--timeout 60s] [--out FILE]";
    private static final String PREFIX = "godot-load contract: ";

    /** What the command line asks for; an empty scene is the project's main scene. */
    record Options(Path project, Optional<String> scene, Duration timeout, Optional<Path> out) {
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    @Parameters(paramLabel = "PROJECT_DIR", hideParamSyntax = true, description = "the folder holding project.godot (config_version=5)")
    private List<String> projects = new ArrayList<>();
    @Option(names = "--scene", paramLabel = "SCENE", converter = Scene.class,
            description = "the scene to read, as a res:// path (default: the project's run/main_scene)")
    private String scene;
    @Option(names = "--timeout", paramLabel = "DURATION", converter = Godot4Command.Timeout.class,
            description = "give up after this long, exit status 1 (default 60s; ms, s, m, h; a bare number is seconds)")
    private Duration timeout = Godot4Command.DEFAULT_TIMEOUT;
    @Option(names = "--out", paramLabel = "FILE", description = "write the contract to FILE instead of standard output")
    private Path outFile;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    private boolean help;

    ContractCommand(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** The options of a command line, without running anything (the tests' entry point). */
    static Options parse(List<String> args) throws UsageException {
        ContractCommand command = new ContractCommand(System.out, System.err, Map.of());
        Cli.parse(command, args);
        return command.options();
    }

    /** What the parsed options mean together. */
    Options options() throws UsageException {
        if (projects.isEmpty()) {
            throw new UsageException("which project? give a Godot 4 project folder (the one holding project.godot)");
        }
        if (projects.size() > 1) {
            throw new UsageException("one project folder, got '" + projects.get(0) + "' and '" + projects.get(1) + "'");
        }
        if (outFile != null) {
            if (Files.isDirectory(outFile)) {
                throw new UsageException("--out " + outFile + " is a folder; name the file to write");
            }
            Path parent = outFile.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new UsageException("--out " + outFile + ": the folder " + parent + " does not exist");
            }
        }
        return new Options(Path.of(projects.get(0)), Optional.ofNullable(scene), timeout, Optional.ofNullable(outFile));
    }

    /** {@code --scene}: a {@code res://} path; the engine says whether it exists. */
    static final class Scene implements ITypeConverter<String> {
        @Override
        public String convert(String v) throws UsageException {
            if (!v.startsWith("res://") || v.length() == "res://".length()) {
                throw new UsageException("--scene takes a scene's res:// path, e.g. res://levels/arena.tscn, got '" + v + "'");
            }
            return v;
        }
    }

    /** Parses and runs, as {@code godot-load contract ...} would. */
    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) throws UsageException {
        ContractCommand command = new ContractCommand(out, err, env);
        Cli.parse(command, args);
        return command.call();
    }

    @Override
    public Integer call() throws UsageException {
        Options o = options();
        GodotProject project;
        try {
            project = GodotProject.openGodot4(o.project());
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println(PREFIX + e.getMessage());
            return Cli.USAGE_ERROR;
        }
        ContractExtract.Result result;
        try {
            WebRunner runner = WebRunner.create(env, line -> err.println(PREFIX + line));
            result = ContractExtract.extract(runner, project, o.scene(), o.timeout());
        } catch (EngineSetupException | IllegalArgumentException | UncheckedIOException e) {
            err.println(PREFIX + e.getMessage());
            return 1;
        }
        if (result instanceof ContractExtract.NoSuchScene missing) {
            err.println(PREFIX + missing.reason());
            return Cli.USAGE_ERROR;
        }
        if (result instanceof ContractExtract.Failed failed) {
            err.println(PREFIX + failed.reason());
            return 1;
        }
        ContractExtract.Extracted extracted = (ContractExtract.Extracted) result;
        String json = extracted.contract().toJson();
        if (o.out().isPresent()) {
            try {
                Files.writeString(o.out().get(), json, StandardCharsets.UTF_8);
            } catch (IOException e) {
                err.println(PREFIX + "cannot write " + o.out().get() + ": " + e.getMessage());
                return 1;
            }
        } else {
            out.print(json);
            out.flush();
        }
        err.println(PREFIX + summary(extracted.contract()) + " in " + extracted.scene() + " of " + project.dir()
                + o.out().map(f -> "; written to " + f).orElse(""));
        return 0;
    }

    /** {@code 4 RPC nodes, 1 spawner (1 scene), 0 synchronizers}. */
    static String summary(Contract c) {
        int scenes = 0;
        int sceneNodes = 0;
        int sceneSyncs = 0;
        for (SpawnerSpec s : c.spawners()) {
            for (SpawnableScene scene : s.scenes()) {
                scenes++;
                sceneNodes += scene.nodes().size();
                sceneSyncs += scene.synchronizers().size();
            }
        }
        return count(c.nodes().size() + sceneNodes, "RPC node") + ", " + count(c.spawners().size(), "spawner")
                + " (" + count(scenes, "spawnable scene") + "), " + count(c.synchronizers().size() + sceneSyncs, "synchronizer");
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
