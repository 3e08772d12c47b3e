package dev.godotload.wire.variant;

/**
 * An Object sent as its instance id (Godot's {@code EncodedObjectAsID}); the only form Godot
 * decodes by default. A null or freed Object travels as Nil instead.
 */
public record ObjectId(long id) {
    public ObjectId {
        if (id == 0) {
            throw new IllegalArgumentException("instance id 0 is a null Object; Godot sends null (Nil) for it");
        }
    }
}
