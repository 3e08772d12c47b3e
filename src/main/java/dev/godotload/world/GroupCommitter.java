package dev.godotload.world;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one writer thread: it takes everything queued (up to {@link #MAX_BATCH} entries),
 * writes the merges in one transaction, then completes the entries' futures in queue order, so one
 * sync to disk acknowledges a whole batch. Fail-stop: once a commit fails, every later merge is
 * refused, because a store that lost a write must not go on acknowledging others as if it had not.
 *
 * <p>The queue is bounded: when the disk falls {@link #QUEUE_CAPACITY} entries behind, {@link #append}
 * waits for room. Acknowledgements cannot outrun the disk anyway, and waiting keeps memory bounded.
 * {@link #flush} queues a barrier (a null merge) instead of waiting on the last append's future:
 * futures complete in queue order, so when the barrier's does, every earlier future has completed
 * and run its callbacks.
 */
final class GroupCommitter {
    static final int MAX_BATCH = 1024;
    static final int QUEUE_CAPACITY = 16 * MAX_BATCH;
    static final String THREAD_NAME = "godot-load-world-store";

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    /** Writes one batch in one transaction, or throws having written none of it. */
    interface Sink {
        void commit(List<StoredMerge> batch) throws SQLException;
    }

    /** A merge to commit, or a flush barrier ({@code merge} null). */
    private record Entry(StoredMerge merge, CompletableFuture<Void> done) {
    }

    private final String name;
    private final Sink sink;
    private final Runnable onStop;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    // Guarded by lock:
    private final ArrayDeque<Entry> queue = new ArrayDeque<>();
    private boolean closing;
    /** The writer holds a batch whose futures have not all completed. */
    private boolean writing;
    private WorldStoreException stopped;
    private long lastVersion;

    // Written by the writer thread only.
    private volatile long transactions;
    private volatile int largestBatch;

    /**
     * @param name        starts every message (the database's path)
     * @param lastVersion the last stored version: appends must go above it
     * @param onStop      run on the writer thread after its last batch (releases what the sink holds)
     */
    GroupCommitter(String name, long lastVersion, Sink sink, Runnable onStop) {
        this.name = name;
        this.lastVersion = lastVersion;
        this.sink = sink;
        this.onStop = onStop;
        this.thread = new Thread(this::run, THREAD_NAME);
        // Daemon: a JVM that exits without close() loses only merges whose futures never completed,
        // that is, merges nobody acknowledged.
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues a merge; see {@link WorldStore#append}. */
    CompletableFuture<Void> append(StoredMerge merge) {
        lock.lock();
        try {
            if (!awaitRoom()) {
                return CompletableFuture.failedFuture(new WorldStoreException(name + ": interrupted while waiting for room;"
                        + " merge version " + merge.version() + " not queued"));
            }
            if (closing) {
                return CompletableFuture.failedFuture(new WorldStoreException(name + ": the world store is closed;"
                        + " merge version " + merge.version() + " not stored"));
            }
            if (stopped != null) {
                return CompletableFuture.failedFuture(refusal(merge));
            }
            if (merge.version() <= lastVersion) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("merge version " + merge.version()
                        + " does not follow " + lastVersion));
            }
            lastVersion = merge.version();
            return enqueue(merge);
        } finally {
            lock.unlock();
        }
    }

    /** Completes once every merge appended before it has committed, or fails as the first that did not. */
    CompletableFuture<Void> flush() {
        lock.lock();
        try {
            if (stopped != null) {
                return CompletableFuture.failedFuture(stopped);
            }
            if (queue.isEmpty() && !writing) {
                return CompletableFuture.completedFuture(null); // every earlier future has completed
            }
            Entry tail = queue.peekLast();
            // Nothing appended since the last flush: share its barrier, so barriers never outnumber
            // merges and need no room of their own.
            CompletableFuture<Void> barrier = tail != null && tail.merge() == null ? tail.done() : enqueue(null);
            return mirror(barrier);
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking merges, commits what is queued, and waits for the writer to finish. Idempotent. */
    void close() {
        lock.lock();
        try {
            closing = true;
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() == thread) {
            return; // called from a future's callback: the writer finishes the queue after it returns
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true; // the queued merges still deserve their commit
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Completes as {@code f} does, with the same exception, so no caller can cancel another's flush. */
    private static CompletableFuture<Void> mirror(CompletableFuture<Void> f) {
        CompletableFuture<Void> out = new CompletableFuture<>();
        f.whenComplete((v, e) -> {
            if (e == null) {
                out.complete(null);
            } else {
                out.completeExceptionally(e);
            }
        });
        return out;
    }

    long transactions() {
        return transactions;
    }

    int largestBatch() {
        return largestBatch;
    }

    /** Under lock: false if interrupted. The writer's own callbacks never wait for the writer. */
    private boolean awaitRoom() {
        while (Thread.currentThread() != thread && queue.size() >= QUEUE_CAPACITY && !closing && stopped == null) {
            try {
                notFull.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Under lock. */
    private CompletableFuture<Void> enqueue(StoredMerge merge) {
        Entry e = new Entry(merge, new CompletableFuture<>());
        queue.add(e);
        notEmpty.signal();
        return e.done();
    }

    private void run() {
        try {
            List<Entry> batch;
            while ((batch = nextBatch()) != null) {
                write(batch);
                written();
            }
        } finally {
            onStop.run();
        }
    }

    /** Waits for entries; null once closing and drained. */
    private List<Entry> nextBatch() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closing) {
                notEmpty.awaitUninterruptibly(); // only close() ends the writer
            }
            if (queue.isEmpty()) {
                return null;
            }
            List<Entry> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
            while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(queue.poll());
            }
            notFull.signalAll();
            writing = true;
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void written() {
        lock.lock();
        try {
            writing = false;
        } finally {
            lock.unlock();
        }
    }

    private void write(List<Entry> batch) {
        List<StoredMerge> merges = new ArrayList<>(batch.size());
        for (Entry e : batch) {
            if (e.merge() != null) {
                merges.add(e.merge());
            }
        }
        WorldStoreException error = null;
        if (!merges.isEmpty()) {
            try {
                sink.commit(merges);
                transactions++;
                largestBatch = Math.max(largestBatch, merges.size());
            } catch (SQLException | RuntimeException e) {
                error = stop(merges, e);
            }
        }
        for (Entry e : batch) {
            if (error == null) {
                e.done().complete(null);
            } else {
                e.done().completeExceptionally(error);
            }
        }
    }

    /** Records the failure, fails what is queued behind the batch, and returns the batch's error. */
    private WorldStoreException stop(List<StoredMerge> merges, Exception e) {
        String reason = e instanceof SQLException s ? SqliteWorldFile.sqliteMessage(s) : SqliteWorldFile.oneLine(String.valueOf(e));
        WorldStoreException error = new WorldStoreException(name + ": commit of merge versions " + merges.get(0).version()
                + " to " + merges.get(merges.size() - 1).version() + " failed: " + reason + "; the store takes no more merges", e);
        log.error("{}", error.getMessage());
        List<Entry> behind;
        lock.lock();
        try {
            stopped = error;
            behind = new ArrayList<>(queue);
            queue.clear();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        for (Entry b : behind) {
            b.done().completeExceptionally(b.merge() == null ? error : refusal(b.merge()));
        }
        return error;
    }

    private WorldStoreException refusal(StoredMerge merge) {
        return new WorldStoreException(name + ": merge version " + merge.version()
                + " not stored: the store stopped when an earlier commit failed", stopped);
    }
}
