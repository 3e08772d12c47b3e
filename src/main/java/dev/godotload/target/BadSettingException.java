package dev.godotload.target;

/**
 * A {@code -D} knob of the run has a value it cannot use. The message is one line naming the
 * property, the value and what would be accepted; there is no stack trace to scroll past.
 */
public final class BadSettingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadSettingException(String message) {
        super("godot-load: " + message, null, false, false);
    }
}
