package dev.godotload.wire;

/**
 * An encoder refused a value that Godot cannot carry: a Java type with no Variant, a value out of
 * the range of its field, a message over the size limit, a packet kind that does not exist in
 * the chosen {@link GodotVersion}.
 */
public final class WireEncodingException extends IllegalArgumentException {
    public WireEncodingException(String message) {
        super(message);
    }
}
