package dev.godotload.engine.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.godotload.contract.Contract;

/**
 * The contract of a Godot 4 project as the real engine reads it. The pack is the project's files plus
 * our extractor scene ({@code contract.gd}) made the main scene, the scene to read ({@code scene.txt},
 * empty for the project's own main scene) and a copy of the project's {@code project.godot}, whose
 * {@code run/main_scene} the extractor reads with the engine's {@code ConfigFile}.
 *
 * <p>The extractor instantiates the scene without adding it to the tree, so the game's {@code _ready()}
 * never runs, walks it, and prints one line: {@code godot-load contract: {json}} with the contract's
 * nodes, spawners and synchronizers (the format of {@code docs/contract.md}) and where they came from.
 * On failure it prints {@code godot-load contract: error: ...} and quits with 2 (no such scene) or 1.
 * Any engine error line fails the extraction: a script that does not load would leave its RPCs out.
 */
public final class ContractExtract {
    public static final String DIR = "__godot_load_contract__";
    static final String SCENE = DIR + "/contract.tscn";
    static final String ASKED = DIR + "/scene.txt";
    static final String PROJECT_COPY = DIR + "/project.godot";
    static final String PREFIX = "godot-load contract: ";
    static final String ERROR = PREFIX + "error: ";
    /** The extractor's exit code for a scene that does not exist (or a project without a main scene). */
    static final int NO_SUCH_SCENE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How an extraction ended. */
    public sealed interface Result permits Extracted, NoSuchScene, Failed {
    }

    /** The contract, read from {@code scene}. */
    public record Extracted(Contract contract, String scene) implements Result {
    }

    /** The scene asked for does not exist, or the project names no main scene; one line says which. */
    public record NoSuchScene(String reason) implements Result {
    }

    /** The engine could not read the scene (a script error, a crash, a timeout...); one line says why. */
    public record Failed(String reason) implements Result {
    }

    private ContractExtract() {
    }

    /** The project's pack with the extractor as its main scene, reading {@code scene} (empty: the project's main scene). */
    public static PackBuilder pack(GodotProject project, Optional<String> scene) {
        PackBuilder b = PackBuilder.fromProject(project);
        byte[] projectGodot = b.get("project.godot");
        b.add(PROJECT_COPY, projectGodot);
        b.withMainScene("res://" + SCENE);
        b.add(DIR + "/contract.gd", PageServer.resource("contract.gd"));
        b.add(SCENE, PageServer.resource("contract.tscn"));
        b.add(ASKED, (scene.orElse("") + "\n").getBytes(StandardCharsets.UTF_8));
        return b;
    }

    /**
     * Reads the contract of {@code project}'s {@code scene} (empty: its main scene) in the engine, bounded by {@code timeout}.
     *
     * @throws EngineSetupException when the engine cannot start (the runner's one line)
     */
    public static Result extract(WebRunner runner, GodotProject project, Optional<String> scene, Duration timeout) {
        byte[] pack = pack(project, scene).build();
        // Stop at the first engine error: it fails the extraction anyway, and a parse error does not end the run.
        RunResult run = runner.run(RunSpec.of(pack, List.of()).withStopOnError(true), timeout);
        return judge(run, project);
    }

    static Result judge(RunResult run, GodotProject project) {
        List<EngineLine> lines = run.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEngineError()) {
                String at = i + 1 < lines.size() && lines.get(i + 1).text().strip().startsWith("at:")
                        ? " (" + lines.get(i + 1).text().strip() + ")" : "";
                return new Failed("the engine reported an error while reading the project: " + lines.get(i).text() + at);
            }
        }
        String error = null;
        String json = null;
        for (EngineLine l : lines) {
            if (l.isErr()) {
                continue;
            }
            if (l.text().startsWith(ERROR) && error == null) {
                error = l.text().substring(ERROR.length());
            } else if (l.text().startsWith(PREFIX + "{")) {
                json = l.text().substring(PREFIX.length());
            }
        }
        Outcome outcome = run.outcome();
        if (outcome.kind() != Outcome.Kind.EXITED) {
            return new Failed(outcome.detail());
        }
        if (error != null) {
            return outcome.exitCode() == NO_SUCH_SCENE ? new NoSuchScene(error) : new Failed(error);
        }
        if (outcome.exitCode() != 0) {
            return new Failed("the extractor exited with code " + outcome.exitCode());
        }
        if (json == null) {
            return new Failed("the extractor printed no contract (did its scene run?)");
        }
        return extracted(json, project);
    }

    private static Result extracted(String json, GodotProject project) {
        try {
            JsonNode found = JSON.readTree(json);
            String scene = found.path("scene").asText();
            Contract contract = Contract.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), scene);
            return new Extracted(contract.withDescription(description(project, found.path("project").asText(), scene,
                    found.path("engine").asText())), scene);
        } catch (JsonProcessingException e) {
            return new Failed("the extractor's line is not JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            return new Failed("the extractor's line is not a contract: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where the contract came from, for its {@code description}. */
    static String description(GodotProject project, String name, String scene, String engine) {
        String which = name.isEmpty() ? "in " + project.dir() : "\"" + name + "\" (" + project.dir() + ")";
        return "Extracted by godot-load contract from the Godot 4 project " + which + ", scene " + scene + ", in Godot "
                + engine + ".";
    }
}
