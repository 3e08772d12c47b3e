package dev.godotload.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Timers that fire only when the test says so. */
final class FakeTimers implements Timers {
    final class Task implements Cancellable {
        final Duration delay;
        final Runnable run;
        boolean cancelled;
        boolean ran;

        Task(Duration delay, Runnable run) {
            this.delay = delay;
            this.run = run;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    final List<Task> tasks = new ArrayList<>();

    @Override
    public Cancellable schedule(Duration delay, Runnable task) {
        Task t = new Task(delay, task);
        tasks.add(t);
        return t;
    }

    /** Runs every task that is neither cancelled nor already run, as if its delay had passed. */
    void fireAll() {
        for (Task t : new ArrayList<>(tasks)) {
            if (!t.cancelled && !t.ran) {
                t.ran = true;
                t.run.run();
            }
        }
    }

    long pending() {
        return tasks.stream().filter(t -> !t.cancelled && !t.ran).count();
    }
}
