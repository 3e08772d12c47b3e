package dev.godotload.world;

/**
 * The world store cannot be opened or written; the message is one line naming the file and the
 * reason (not a database, another application's database, corrupt, wrong prop count, I/O).
 */
public final class WorldStoreException extends RuntimeException {
    public WorldStoreException(String message) {
        super(message);
    }

    public WorldStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
