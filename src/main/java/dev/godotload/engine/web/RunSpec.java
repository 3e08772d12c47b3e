package dev.godotload.engine.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * What to run: a pack, the engine's own arguments, the user arguments (after {@code --}, which
 * {@code OS.get_cmdline_user_args()} returns), who hears each line as it arrives, and whether the
 * first engine error line ({@link EngineLine#isEngineError()}) ends the run: the engine goes on after
 * a script fails to parse, so without it such a run lasts until its timeout.
 */
public record RunSpec(byte[] pack, List<String> engineArgs, List<String> userArgs, Consumer<EngineLine> listener,
                      boolean stopOnError) {
    /** Engine arguments every run gets unless told otherwise: no audio (a headless browser has no one listening). */
    public static final List<String> DEFAULT_ENGINE_ARGS = List.of("--audio-driver", "Dummy");

    public RunSpec {
        pack = pack.clone();
        engineArgs = List.copyOf(engineArgs);
        userArgs = List.copyOf(userArgs);
        listener = listener == null ? line -> { } : listener;
    }

    public static RunSpec of(byte[] pack, List<String> userArgs) {
        return new RunSpec(pack, DEFAULT_ENGINE_ARGS, userArgs, null, false);
    }

    public RunSpec withListener(Consumer<EngineLine> l) {
        return new RunSpec(pack, engineArgs, userArgs, l, stopOnError);
    }

    public RunSpec withStopOnError(boolean stop) {
        return new RunSpec(pack, engineArgs, userArgs, listener, stop);
    }

    public RunSpec withEngineArgs(List<String> args) {
        return new RunSpec(pack, args, userArgs, listener, stopOnError);
    }

    /** The engine's command line after {@code --main-pack game.pck}. */
    public List<String> commandLine() {
        List<String> all = new ArrayList<>(engineArgs);
        if (!userArgs.isEmpty()) {
            all.add("--");
            all.addAll(userArgs);
        }
        return all;
    }

    @Override
    public byte[] pack() {
        return pack.clone();
    }

    /** The pack without a copy, for serving. */
    byte[] packBytes() {
        return pack;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RunSpec r && Arrays.equals(pack, r.pack) && engineArgs.equals(r.engineArgs)
                && userArgs.equals(r.userArgs) && listener.equals(r.listener) && stopOnError == r.stopOnError;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pack) * 31 + engineArgs.hashCode() * 7 + userArgs.hashCode();
    }

    @Override
    public String toString() {
        return "RunSpec[" + pack.length + " bytes, engine args " + engineArgs + ", user args " + userArgs + (stopOnError ? ", stop on error" : "") + "]";
    }
}
