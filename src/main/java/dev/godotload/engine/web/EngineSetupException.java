package dev.godotload.engine.web;

/** The web engine could not be set up (template, browser, project); the message is one line saying what to do. */
public final class EngineSetupException extends RuntimeException {
    public EngineSetupException(String message) {
        super(message);
    }

    public EngineSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
