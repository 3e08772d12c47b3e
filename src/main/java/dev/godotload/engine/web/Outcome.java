package dev.godotload.engine.web;

/**
 * How a run ended.
 *
 * @param exitCode the engine's exit code for {@link Kind#EXITED}, else -1
 * @param detail   one line for the others (the crash, Chromium's last words, ...)
 */
public record Outcome(Kind kind, int exitCode, String detail) {
    /** The shell status for a run that did not exit by itself within its time. */
    public static final int TIMEOUT_STATUS = 124;

    public enum Kind {
        /** The engine quit ({@code get_tree().quit(code)}) and reported its code. */
        EXITED,
        /** It did not quit within the run's time; it was stopped. */
        TIMED_OUT,
        /** The engine aborted or the page failed (a WebAssembly trap, a start failure). */
        CRASHED,
        /** It printed an engine error line and the run was told to stop at one ({@link RunSpec#stopOnError()}). */
        ERROR_LINE,
        /** Chromium ended before the engine did. */
        BROWSER_EXITED,
        /** Stopped by us ({@link RunningGodot#close()}) while it ran. */
        STOPPED
    }

    static Outcome exited(int code) {
        return new Outcome(Kind.EXITED, code, "the engine exited with code " + code);
    }

    /** The status a command should exit with: the engine's code, 124 for a timeout, 1 otherwise. */
    public int status() {
        switch (kind) {
            case EXITED:
                return exitCode;
            case TIMED_OUT:
                return TIMEOUT_STATUS;
            default:
                return 1;
        }
    }
}
