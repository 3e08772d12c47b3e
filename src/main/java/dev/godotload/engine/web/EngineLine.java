package dev.godotload.engine.web;

import java.time.Duration;

/**
 * One line the engine printed: {@code print()} goes to {@link Stream#OUT}; {@code printerr()},
 * {@code push_error()}, engine errors ({@code ERROR: …}, {@code SCRIPT ERROR: …} and their
 * {@code    at: …} lines) to {@link Stream#ERR}.
 *
 * @param at when it reached us, from the start of the run (browser launch)
 */
public record EngineLine(Stream stream, String text, Duration at) {
    public enum Stream { OUT, ERR }

    private static final java.util.regex.Pattern ERROR = java.util.regex.Pattern.compile("^(USER )?(SCRIPT )?ERROR: ");

    /** An engine error report: {@code ERROR: …} ({@code push_error}, engine checks) or {@code SCRIPT ERROR: …} (parse and runtime errors). */
    public boolean isEngineError() {
        return stream == Stream.ERR && ERROR.matcher(text).find();
    }

    public boolean isErr() {
        return stream == Stream.ERR;
    }

    @Override
    public String toString() {
        return (stream == Stream.ERR ? "[err] " : "") + text;
    }
}
