package dev.godotload.target;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reads the {@code -D} knobs of a run. Names start with {@code godot.} (the target) or
 * {@code load.} (the workload), because the Gatling Maven plugin does not forward
 * {@code user.*}, {@code java.*} or {@code maven.*} to the Gatling JVM. A bad value is an
 * {@link IllegalArgumentException} whose message is one line naming the property, the value and
 * what would be accepted.
 */
public final class LoadProperties {
    private final Function<String, String> source;

    public LoadProperties(Function<String, String> source) {
        this.source = source;
    }

    public static LoadProperties system() {
        return new LoadProperties(System::getProperty);
    }

    /**
     * These knobs, with {@code defaults} for the ones not set: how a simulation of another game says which
     * contract, embedded game and project it drives unless the tester says otherwise.
     */
    public LoadProperties withDefaults(java.util.Map<String, String> defaults) {
        return new LoadProperties(name -> {
            String v = source.apply(name);
            return v != null ? v : defaults.get(name);
        });
    }

    /**
     * Runs {@code read} in a simulation: a bad setting becomes a {@link BadSettingException}, whose
     * one-line message tells the tester what to fix. The JVM is left alone (an injector on Gatling
     * Enterprise must not be ended by a simulation); Gatling reports the run as failed.
     */
    public static <T> T read(Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            BadSettingException bad = new BadSettingException(e.getMessage());
            // Gatling wraps an exception from a simulation's constructor in a long trace: the line comes first.
            System.err.println(bad.getMessage());
            System.err.flush();
            throw bad;
        }
    }

    /** A path, relative to the working directory. */
    public Path path(String name, String defaultValue) {
        String v = string(name, defaultValue);
        try {
            return Path.of(v);
        } catch (InvalidPathException e) {
            throw bad(name, v, "a file path");
        }
    }

    /** The raw value, or null when unset or blank. */
    public String string(String name) {
        String v = source.apply(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    public String string(String name, String defaultValue) {
        String v = string(name);
        return v == null ? defaultValue : v;
    }

    /** A whole number in [min, max]. */
    public int integer(String name, int defaultValue, int min, int max) {
        String v = string(name);
        if (v == null) {
            return defaultValue;
        }
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw bad(name, v, "a whole number from " + min + " to " + max);
        }
        if (n < min || n > max) {
            throw bad(name, v, "a whole number from " + min + " to " + max);
        }
        return (int) n;
    }

    /** A number in [min, max]. */
    public double number(String name, double defaultValue, double min, double max) {
        String v = string(name);
        if (v == null) {
            return defaultValue;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw bad(name, v, "a number from " + min + " to " + max);
        }
        if (!(d >= min && d <= max)) {
            throw bad(name, v, "a number from " + min + " to " + max);
        }
        return d;
    }

    /** A duration in [min, max], written as {@link Durations} reads it: {@code 30s}, {@code 500ms}, {@code 2m}; a bare number is seconds. */
    public Duration duration(String name, Duration defaultValue, Duration min, Duration max) {
        String v = string(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Durations.parse(v, min, max);
        } catch (IllegalArgumentException e) {
            throw bad(name, v, e.getMessage());
        }
    }

    /** on/off, true/false, yes/no. */
    public boolean flag(String name, boolean defaultValue) {
        String v = string(name);
        if (v == null) {
            return defaultValue;
        }
        switch (v.toLowerCase(Locale.ROOT)) {
            case "on": case "true": case "yes": case "1":
                return true;
            case "off": case "false": case "no": case "0":
                return false;
            default:
                throw bad(name, v, "on or off");
        }
    }

    private static IllegalArgumentException bad(String name, String value, String expected) {
        return new IllegalArgumentException("bad -D" + name + "='" + value + "': expected " + expected);
    }
}
