package dev.godotload.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
final class Godot4Command {
    static final String USAGE = "godot4 PROJECT_DIR [--timeout 60s] [--fail-on-error] [--check] [--timings] [-- ARGS...]";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    static final Duration MAX_TIMEOUT = Duration.ofHours(24);
    private static final String PREFIX = "godot-load godot4: ";
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    record Options(Path project, Duration timeout, boolean failOnError, boolean check, boolean timings, List<String> userArgs) {
    }

    private Godot4Command() {
    }

    static Options parse(List<String> args) throws UsageException {
        Path project = null;
        Duration timeout = DEFAULT_TIMEOUT;
        boolean failOnError = false;
        boolean check = false;
        boolean timings = false;
        List<String> user = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                user.addAll(args.subList(i + 1, args.size()));
                break;
            }
            switch (a) {
                case "--timeout" -> timeout = duration(a, Main.value(args, ++i, a));
                case "--fail-on-error" -> failOnError = true;
                case "--check" -> check = true;
                case "--timings" -> timings = true;
                default -> {
                    if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a + " (arguments for the project go after --)");
                    }
                    if (project != null) {
                        throw new UsageException("one project folder, got '" + project + "' and '" + a
                                + "' (arguments for the project go after --)");
                    }
                    project = Path.of(a);
                }
            }
        }
        if (project == null) {
            throw new UsageException("which project? give a Godot 4 project folder (the one holding project.godot)");
        }
        if (check && !user.isEmpty()) {
            throw new UsageException("--check runs our checker, not the project: it takes no arguments after --");
        }
        return new Options(project, timeout, failOnError, check, timings, user);
    }

    static Duration duration(String option, String v) throws UsageException {
        Matcher m = DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
            if (!d.isZero() && d.compareTo(MAX_TIMEOUT) <= 0) {
                return d;
            }
        }
        throw new UsageException(option + " takes a duration from 1ms to 24h, e.g. 60s, 500ms or 5m (a bare number is seconds), got '"
                + v + "'");
    }

    static int run(List<String> args, PrintStream out, PrintStream err, Map<String, String> env) throws UsageException {
        Options o = parse(args);
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

    private static int run(Options o, GodotProject project, PrintStream out, PrintStream err, Map<String, String> env) {
        long t0 = System.nanoTime();
        WebRunner runner = WebRunner.create(env, line -> err.println(PREFIX + line));
        long t1 = System.nanoTime();
        PackBuilder builder = PackBuilder.fromProject(project);
        byte[] pack = builder.build();
        long t2 = System.nanoTime();
        RunSpec spec = RunSpec.of(pack, o.userArgs()).withListener(line -> print(line, out, err))
                .withStopOnError(o.failOnError());
        RunResult result;
        RunningGodot running = runner.start(spec);
        Thread hook = new Thread(running::close, "godot4-stop");
        Runtime.getRuntime().addShutdownHook(hook); // Ctrl-C stops the browser too
        try {
            boolean ended = running.awaitOutcome(o.timeout()).isPresent();
            running.close();
            result = running.result();
            if (!ended) {
                result = new RunResult(new Outcome(Outcome.Kind.TIMED_OUT, -1, "the engine did not exit within "
                        + show(o.timeout()) + "; stopped it"), result.lines(), result.elapsed());
            }
        } finally {
            running.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook stops the browser
            }
        }
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

    private static String show(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
