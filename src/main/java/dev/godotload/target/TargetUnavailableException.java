package dev.godotload.target;

import dev.godotload.gatling.Godot;

/** The Godot server a run should drive cannot be reached or is not a Godot server; one-line message. */
public final class TargetUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TargetUnavailableException(String message) {
        super(message, null, false, false);
    }
}
