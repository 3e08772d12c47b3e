package dev.godotload.engine.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Every script of a Godot 4 project loads in the real engine": a pack of the project's files plus a
 * checker scene of ours made the main scene ({@link PackBuilder#withMainScene}), which {@code load()}s each
 * {@code .gd}, checks {@code can_instantiate()} and quits with 0 or 1. The verdict fails on any engine
 * error line ({@code SCRIPT ERROR: …}, {@code ERROR: …}), any script the checker reports, a missing
 * summary, or a run that did not exit cleanly.
 *
 * <p>The project's autoloads still run (their {@code _ready()} too): the scripts that name them need
 * them registered, and an exported game registers them only by instantiating them.
 */
public final class ScriptCheck {
    public static final String DIR = "__godot_load_check__";
    static final String SCENE = DIR + "/check.tscn";
    static final String LIST = DIR + "/scripts.txt";
    private static final Pattern SUMMARY = Pattern.compile("^godot-load check: (\\d+) scripts, (\\d+) failed$");

    /** The verdict: passed or not, how many scripts, and one line per problem. */
    public record Verdict(boolean passed, int scripts, List<String> problems, RunResult run) {
        public Verdict {
            problems = List.copyOf(problems);
        }
    }

    private ScriptCheck() {
    }

    /** The project's pack with the checker as its main scene; {@code scripts} receives the scripts it checks. */
    public static PackBuilder pack(GodotProject project, List<String> scripts) {
        PackBuilder b = PackBuilder.fromProject(project);
        for (String path : b.files().keySet()) {
            if (path.endsWith(".gd")) {
                scripts.add("res://" + path);
            }
        }
        b.withMainScene("res://" + SCENE);
        b.add(DIR + "/check.gd", PageServer.resource("check.gd"));
        b.add(SCENE, PageServer.resource("check.tscn"));
        b.add(LIST, (String.join("\n", scripts) + "\n").getBytes(StandardCharsets.UTF_8));
        return b;
    }

    /** Runs the check in the engine (bounded by {@code timeout}) and judges it. */
    public static Verdict check(WebRunner runner, GodotProject project, Duration timeout) {
        return check(runner, project, timeout, null);
    }

    /** As {@link #check(WebRunner, GodotProject, Duration)}, telling {@code listener} each engine line as it comes. */
    public static Verdict check(WebRunner runner, GodotProject project, Duration timeout, Consumer<EngineLine> listener) {
        List<String> scripts = new ArrayList<>();
        byte[] pack = pack(project, scripts).build();
        RunResult run = runner.run(RunSpec.of(pack, List.of()).withListener(listener), timeout);
        return judge(scripts.size(), run);
    }

    static Verdict judge(int expectedScripts, RunResult run) {
        List<String> problems = new ArrayList<>();
        List<EngineLine> lines = run.lines();
        int summarized = -1;
        for (int i = 0; i < lines.size(); i++) {
            EngineLine l = lines.get(i);
            if (l.isEngineError()) {
                String at = i + 1 < lines.size() && lines.get(i + 1).text().strip().startsWith("at:")
                        ? " (" + lines.get(i + 1).text().strip() + ")" : "";
                problems.add(l.text() + at);
            } else if (l.text().startsWith("godot-load check: FAIL ")) {
                problems.add(l.text().substring("godot-load check: ".length()));
            } else {
                Matcher m = SUMMARY.matcher(l.text());
                if (m.matches()) {
                    summarized = Integer.parseInt(m.group(1));
                }
            }
        }
        if (run.outcome().kind() != Outcome.Kind.EXITED) {
            problems.add(run.outcome().detail());
        } else if (run.outcome().exitCode() != 0 && problems.isEmpty()) {
            problems.add("the checker exited with code " + run.outcome().exitCode());
        }
        if (summarized < 0) {
            problems.add("the checker printed no summary (did its scene run?)");
        } else if (summarized != expectedScripts) {
            problems.add("the checker saw " + summarized + " scripts, the pack has " + expectedScripts);
        }
        return new Verdict(problems.isEmpty(), expectedScripts, problems, run);
    }
}
