package dev.godotload.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Stack;
import java.util.concurrent.Callable;

import dev.godotload.engine.web.EngineLine;
import dev.godotload.engine.web.EngineSetupException;
import dev.godotload.engine.web.GodotProject;
import dev.godotload.engine.web.Outcome;
import dev.godotload.engine.web.PackBuilder;
import dev.godotload.engine.web.RunResult;
import dev.godotload.engine.web.RunSpec;
import dev.godotload.engine.web.RunningGodot;
import dev.godotload.engine.web.ScriptCheck;
import dev.godotload.engine.web.WebRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterPreprocessor;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code godot4 PROJECT_DIR [--timeout 60s] [--fail-on-error] [--check] [--timings] [-- ARGS...]}: runs a
 * Godot 4 project folder in the real Godot 4.6 engine (the official web export template in headless
 * Chromium), prints the engine's lines (standard output for {@code print}, standard error for
 * {@code printerr} and errors) and exits with the engine's exit code; 124 when it did not exit in
 * time, 1 when it crashed, could not start or (with {@code --fail-on-error}) printed an error line,
 * 2 for a wrong command line or folder. ARGS reach {@code OS.get_cmdline_user_args()}.
 * {@code --check} instead loads every {@code .gd} of the project and exits 0 when all of them load
 * without an engine error ({@link ScriptCheck}).
 */
@Command(name = "godot4", customSynopsis = Godot4Command.USAGE,
        description = {"Runs a Godot 4 project folder in the real Godot 4.6 engine (web template, headless Chromium),",
                "prints its output and exits with its exit code: 124 when it did not exit in time, 1 when it",
                "crashed or (with --fail-on-error) printed an error. ARGS reach OS.get_cmdline_user_args()."},
        descriptionHeading = "%n", parameterListHeading = "%n", optionListHeading = "%noptions:%n", sortOptions = false,
        preprocessor = Godot4Command.UserArgs.class)
final class Godot4Command implements Callable<Integer>, Cli.UnknownOptionHint {
    static final String USAGE = "godot4 PROJECT_DIR [--timeout 60s] [--fail-on-error] [--check] [--timings] [-- ARGS...]";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    private static final String PREFIX = "godot-load godot4: ";

    record Options(Path project, Duration timeout, boolean failOnError, boolean check, boolean timings, List<String> userArgs) {
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    @Parameters(paramLabel = "PROJECT_DIR", hideParamSyntax = true, description = "the folder holding project.godot (config_version=5)")
    private List<String> projects = new ArrayList<>();
    @Option(names = "--timeout", paramLabel = "DURATION", converter = Timeout.class,
            description = "stop the engine after this long, exit status 124 (default 60s; ms, s, m, h; a bare number is seconds)")
    private Duration timeout = DEFAULT_TIMEOUT;
    @Option(names = "--fail-on-error", description = "stop at the first error line the engine prints, exit status 1")
    private boolean failOnError;
    @Option(names = "--check", description = "instead of running it, load every .gd script of the project; 0 when all load")
    private boolean check;
    @Option(names = "--timings", description = "one line on standard error with where the time went")
    private boolean timings;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "this text")
    private boolean help;
    /** What follows the first {@code --}: set by {@link UserArgs}, never parsed as options. */
    private List<String> userArgs = List.of();

    Godot4Command(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    /** The options of a command line, without running anything (the tests' entry point). */
    static Options parse(List<String> args) throws UsageException {
        Godot4Command command = new Godot4Command(System.out, System.err, Map.of());
        Cli.parse(command, args);
        return command.options();
    }

    /** What the parsed options mean together. */
    Options options() throws UsageException {
        if (projects.isEmpty()) {
            throw new UsageException("which project? give a Godot 4 project folder (the one holding project.godot)");
        }
        if (projects.size() > 1) {
            throw new UsageException("one project folder, got '" + projects.get(0) + "' and '" + projects.get(1)
                    + "' (arguments for the project go after --)");
        }
        if (check && !userArgs.isEmpty()) {
            throw new UsageException("--check runs our checker, not the project: it takes no arguments after --");
        }
        return new Options(Path.of(projects.get(0)), timeout, failOnError, check, timings, userArgs);
    }

    @Override
    public String unknownOptionHint() {
        return " (arguments for the project go after --)";
    }

    static Duration duration(String option, String v) throws UsageException {
        return OptionValues.duration(option, v, Duration.ofMillis(1), MAX_TIMEOUT, " (a bare number is seconds)");
    }

    /** Parses and runs, as {@code godot-load godot4 ...} would. */
    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) throws UsageException {
        Godot4Command command = new Godot4Command(out, err, env);
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
            return 2;
        }
        try {
            return o.check() ? check(o, project, out, err, env) : run(o, project, out, err, env);
        } catch (EngineSetupException | IllegalArgumentException | UncheckedIOException e) {
            err.println(PREFIX + e.getMessage());
            return 1;
        }
    }

    /** {@code --timeout}: 1ms to 24h. */
    static final class Timeout implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String v) throws UsageException {
            return duration("--timeout", v);
        }
    }

    /**
     * Takes everything after the first {@code --} away before picocli parses the rest: those are the
     * project's own arguments ({@code -- --port 0}), options or not, and must not be read as a second
     * project folder either.
     */
    static final class UserArgs implements IParameterPreprocessor {
        @Override
        public boolean preprocess(Stack<String> args, CommandSpec spec, ArgSpec argSpec, Map<String, Object> info) {
            // The stack's top is the next argument, so the command line runs from the top down.
            for (int i = args.size() - 1; i >= 0; i--) {
                if (args.get(i).equals("--")) {
                    List<String> user = new ArrayList<>(args.subList(0, i));
                    Collections.reverse(user);
                    args.subList(0, i + 1).clear();
                    ((Godot4Command) spec.userObject()).userArgs = List.copyOf(user);
                    break;
                }
            }
            return false; // picocli goes on with what is left
        }
    }

    private static int run(Options o, GodotProject project, PrintStream out, PrintStream err, Map<String, String> env) {
        long t0 = System.nanoTime();
        WebRunner runner = WebRunner.create(env, line -> err.println(PREFIX + line));
        long t1 = System.nanoTime();
        PackBuilder builder = PackBuilder.fromProject(project);
        byte[] pack = builder.build();
        long t2 = System.nanoTime();
        RunSpec spec = RunSpec.of(pack, o.userArgs()).withListener(line -> print(line, out, err))
                .withStopOnError(o.failOnError());
        RunningGodot running = runner.start(spec); // a JVM shutdown (Ctrl-C) stops the browser too
        try {
            if (running.awaitOutcome(o.timeout()).isEmpty()) {
                running.stopAfterTimeout(o.timeout());
            }
        } finally {
            running.close();
        }
        RunResult result = running.result();
        out.flush();
        if (result.outcome().kind() != Outcome.Kind.EXITED) {
            err.println(PREFIX + result.outcome().detail());
        }
        if (o.timings()) {
            err.println(PREFIX + "timings: template ready in " + ms(t1 - t0) + "; pack of " + builder.files().size()
                    + " files, " + pack.length + " bytes built in " + ms(t2 - t1) + "; first engine line "
                    + result.firstLineAt().map(d -> "after " + d.toMillis() + " ms").orElse("never")
                    + "; ended after " + result.elapsed().toMillis() + " ms (" + result.outcome().kind() + ")");
        }
        return result.status();
    }

    private static int check(Options o, GodotProject project, PrintStream out, PrintStream err, Map<String, String> env) {
        WebRunner runner = WebRunner.create(env, line -> err.println(PREFIX + line));
        ScriptCheck.Verdict v = ScriptCheck.check(runner, project, o.timeout(), line -> print(line, out, err));
        out.flush();
        if (v.passed()) {
            err.println(PREFIX + "check passed: all " + v.scripts() + " scripts of " + project.dir() + " load in Godot 4.6");
            return 0;
        }
        err.println(PREFIX + "check FAILED for " + project.dir() + ": " + v.problems().size() + " problem(s)");
        v.problems().forEach(p -> err.println(PREFIX + "  " + p));
        return 1;
    }

    private static void print(EngineLine line, PrintStream out, PrintStream err) {
        PrintStream s = line.isErr() ? err : out;
        s.println(line.text());
        s.flush();
    }

    private static String ms(long nanos) {
        return nanos / 1_000_000 + " ms";
    }
}
