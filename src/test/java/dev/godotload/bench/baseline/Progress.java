package dev.godotload.bench.baseline;

import java.util.concurrent.TimeUnit;

/**
 * Where a run of clients stands, for the main thread to wait on: how many are connected, how many
 * have every copy they should, and the first thing that went wrong. Touched once per user and
 * event, never per copy.
 */
final class Progress {
    private final int users;
    private int connected;
    private int complete;
    private String failure;

    Progress(int users) {
        this.users = users;
    }

    synchronized void connected() {
        connected++;
        notifyAll();
    }

    synchronized void complete() {
        complete++;
        notifyAll();
    }

    synchronized void fail(String why) {
        if (failure == null) {
            failure = why;
        }
        notifyAll();
    }

    synchronized String failure() {
        return failure;
    }

    /** True once every user is connected; false on a failure or at the deadline ({@link System#nanoTime()}). */
    boolean awaitAllConnected(long deadline) throws InterruptedException {
        return await(true, deadline);
    }

    /** True once every user has all its copies; false on a failure or at the deadline. */
    boolean awaitAllComplete(long deadline) throws InterruptedException {
        return await(false, deadline);
    }

    private synchronized boolean await(boolean connecting, long deadline) throws InterruptedException {
        while (failure == null && (connecting ? connected : complete) < users) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return failure == null;
    }
}
