package dev.godotload.engine;

/** A real Godot engine could not be found or started; the message is one line saying what to do. */
public final class EngineUnavailableException extends RuntimeException {
    public EngineUnavailableException(String message) {
        super(message);
    }
}
