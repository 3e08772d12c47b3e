package dev.godotload.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.godotload.server.transport.Timers;

/** Timers that fire only when the test says so. */
public final class FakeTimers implements Timers {
    public final class Task implements Cancellable {
        public final Duration delay;
        final Runnable run;
        boolean cancelled;
        boolean ran;

        public Task(Duration delay, Runnable run) {
            this.delay = delay;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    public final List<Task> tasks = new ArrayList<>();

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(delay, task);
        tasks.add(t);
        return t;
    }

    /** Runs every task that is neither cancelled nor already run, as if its delay had passed. */
    public void fireAll() {
        for (Task t : new ArrayList<>(tasks)) {
            if (!t.cancelled && !t.ran) {
                t.ran = true;
                t.run.run();
            }
        }
    }

    public long pending() {
        return tasks.stream().filter(t -> !t.cancelled && !t.ran).count();
    }
}
