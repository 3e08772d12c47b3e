package dev.godotload.world;

import java.util.concurrent.CompletableFuture;

/**
 * Where the world outlives the server: a log of applied merges. The server applies a merge to its
 * in-memory {@link World} on the game loop, appends it here, and acknowledges it only when the
 * append's future completes, so every {@code edit_applied} follows a commit.
 *
 * <p>Implementations write from one thread of their own and may commit several queued merges in
 * one transaction (group commit); futures complete in append order.
 */
public interface WorldStore extends AutoCloseable {

    /** The world as stored: a fresh one of {@link #props()} props, with every committed merge replayed. */
    World load();

    /** How many props the stored world has (fixed when the store was created). */
    int props();

    /**
     * Queues a merge. The future completes, on the store's thread, once the transaction holding it
     * has committed, or exceptionally ({@link WorldStoreException}) if it could not be; merges commit
     * in the order they were appended.
     */
    CompletableFuture<Void> append(StoredMerge merge);

    /** Completes once every merge appended before this call has committed (a barrier for reads). */
    CompletableFuture<Void> flush();

    /** For logs: e.g. {@code SQLite target/world.db (WAL)}. */
    String description();

    /** Commits what is queued, then releases the file. Idempotent. */
    @Override
    void close();
}
