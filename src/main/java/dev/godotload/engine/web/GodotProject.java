package dev.godotload.engine.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Godot project folder: the directory holding {@code project.godot}, and the {@code config_version}
 * that file declares (5 for Godot 4, 4 for Godot 3).
 */
public record GodotProject(Path dir, int configVersion) {
    /** {@code config_version} of every Godot 4 project. */
    public static final int GODOT_4_CONFIG_VERSION = 5;
    private static final Pattern CONFIG_VERSION = Pattern.compile("(?m)^\\s*config_version\\s*=\\s*(\\d+)\\s*$");

    /** True when the folder has a {@code project.godot}. */
    public static boolean isProject(Path dir) {
        return Files.isRegularFile(dir.resolve("project.godot"));
    }

    /**
     * Reads the folder's {@code project.godot}.
     *
     * @throws IllegalArgumentException one line: no folder, no project.godot, or no config_version
     */
    public static GodotProject open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder");
        }
        Path file = dir.resolve("project.godot");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " is not a Godot project: it has no project.godot");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        OptionalInt version = configVersion(text);
        if (version.isEmpty()) {
            throw new IllegalArgumentException(file + " has no config_version line");
        }
        return new GodotProject(dir, version.getAsInt());
    }

    /**
     * Like {@link #open} but refuses anything but a Godot 4 project, saying which Godot the folder is for.
     */
    public static GodotProject openGodot4(Path dir) {
        GodotProject p = open(dir);
        if (!p.isGodot4()) {
            throw new IllegalArgumentException(dir + " is a " + (p.configVersion() < GODOT_4_CONFIG_VERSION
                    ? "Godot 3 (or older)" : "newer") + " project (config_version=" + p.configVersion()
                    + "); the Godot 4.6 engine runs Godot 4 projects (config_version=" + GODOT_4_CONFIG_VERSION + ")");
        }
        return p;
    }

    static OptionalInt configVersion(String projectGodot) {
        Matcher m = CONFIG_VERSION.matcher(projectGodot);
        if (!m.find() || m.group(1).length() > 3) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(m.group(1)));
    }

    public boolean isGodot4() {
        return configVersion == GODOT_4_CONFIG_VERSION;
    }
}
