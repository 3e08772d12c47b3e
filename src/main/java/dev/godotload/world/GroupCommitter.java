package dev.godotload.world;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's one writer thread: it takes everything queued (up to {@link #MAX_BATCH}), writes it in
 * one transaction, then completes those merges' futures in append order, so one sync to disk
 * acknowledges a whole batch. Fail-stop: once a commit fails, every later merge is refused, because a
 * store that lost a write must not go on acknowledging others as if it had not.
 *
 * <p>The queue is bounded: when the disk falls {@link #QUEUE_CAPACITY} merges behind, {@link #append}
 * waits for room. Acknowledgements cannot outrun the disk anyway, and waiting keeps memory bounded.
 */
final class GroupCommitter {
    static final int MAX_BATCH = 1024;
    static final int QUEUE_CAPACITY = 16 * MAX_BATCH;
    static final String THREAD_NAME = "godot-load-world-store";

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    /** Writes one batch in one transaction, or throws having written none of it. */
    interface Sink {
        void commit(List<StoredMerge> batch) throws Exception;
    }

    private record Pending(StoredMerge merge, CompletableFuture<Void> done) {
    }

    private final String name;
    private final Sink sink;
    private final Runnable onStop;
    private final Thread thread;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    // Guarded by lock:
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean closing;
    private WorldStoreException stopped;
    private long lastVersion;
    private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

    // Written by the writer thread only.
    private volatile long transactions;
    private volatile int largestBatch;

    /**
     * @param name          starts every message (the database's path)
     * @param lastVersion   the last stored version: appends must go above it
     * @param onStop        run on the writer thread after its last batch (releases the sink)
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
            // The writer's own callbacks must not wait for the writer.
            boolean mayWait = Thread.currentThread() != thread;
            while (mayWait && queue.size() >= QUEUE_CAPACITY && !closing && stopped == null) {
                try {
                    notFull.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return CompletableFuture.failedFuture(new WorldStoreException(name + ": interrupted while waiting for room;"
                            + " merge version " + merge.version() + " not queued"));
                }
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
            Pending p = new Pending(merge, new CompletableFuture<>());
            queue.add(p);
            last = p.done();
            notEmpty.signal();
            return mirror(p.done());
        } finally {
            lock.unlock();
        }
    }

    /** Completes when every merge appended before it has been committed, or fails if one was not. */
    CompletableFuture<Void> flush() {
        lock.lock();
        try {
            return mirror(last);
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
            return; // called from a future's callback: the loop finishes the queue and stops after it returns
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

    /**
     * A future that completes as {@code f} does, with the same exception (not wrapped), so a caller
     * that cancels or completes what it was handed cannot change what {@link #flush} reports.
     */
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

    private void run() {
        try {
            List<Pending> batch;
            while ((batch = nextBatch()) != null) {
                write(batch);
            }
        } finally {
            onStop.run();
        }
    }

    /** Waits for merges; null once closing and drained. */
    private List<Pending> nextBatch() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closing) {
                notEmpty.awaitUninterruptibly(); // only close() ends the writer
            }
            if (queue.isEmpty()) {
                return null;
            }
            List<Pending> batch = new ArrayList<>(Math.min(queue.size(), MAX_BATCH));
            while (!queue.isEmpty() && batch.size() < MAX_BATCH) {
                batch.add(queue.poll());
            }
            notFull.signalAll();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void write(List<Pending> batch) {
        WorldStoreException error = stoppedError();
        if (error == null) {
            List<StoredMerge> merges = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                merges.add(p.merge());
            }
            try {
                sink.commit(merges);
                transactions++;
                largestBatch = Math.max(largestBatch, batch.size());
                for (Pending p : batch) {
                    p.done().complete(null);
                }
                return;
            } catch (Exception e) {
                error = stop(batch, e);
            }
        }
        for (Pending p : batch) {
            p.done().completeExceptionally(error);
        }
    }

    private WorldStoreException stoppedError() {
        lock.lock();
        try {
            return stopped;
        } finally {
            lock.unlock();
        }
    }

    /** Records the failure, fails what is still queued behind the batch, and returns the batch's error. */
    private WorldStoreException stop(List<Pending> batch, Exception e) {
        String reason = e instanceof java.sql.SQLException s ? SqliteWorldFile.sqliteMessage(s)
                : SqliteWorldFile.oneLine(String.valueOf(e));
        WorldStoreException error = new WorldStoreException(name + ": commit of merge versions " + batch.get(0).merge().version()
                + " to " + batch.get(batch.size() - 1).merge().version() + " failed: " + reason
                + "; the store takes no more merges", e);
        log.error("{}", error.getMessage());
        List<Pending> behind;
        lock.lock();
        try {
            stopped = error;
            behind = new ArrayList<>(queue);
            queue.clear();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
        for (Pending p : behind) {
            p.done().completeExceptionally(refusal(p.merge()));
        }
        return error;
    }

    private WorldStoreException refusal(StoredMerge merge) {
        return new WorldStoreException(name + ": merge version " + merge.version()
                + " not stored: the store stopped when an earlier commit failed", stopped);
    }
}
