package dev.godotload.bench.godot3;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Samples every client that is running, at a fixed period, on its own daemon thread, so that readings
 * go on while the caller starts or waits for processes.
 */
final class Sampler implements AutoCloseable {
    private final ScheduledExecutorService timer;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    /** Starts sampling {@code clients} (a collection that may grow while it runs) every {@code period}. */
    Sampler(Collection<ClientProcess> clients, Duration period) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "godot3-clients-sampler");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleAtFixedRate(() -> sampleAll(clients), 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    // An exception escaping a scheduled task would silently cancel all later readings; it is kept
    // for the caller instead, and the other clients are still sampled.
    private void sampleAll(Collection<ClientProcess> clients) {
        for (ClientProcess c : clients) {
            try {
                c.sample();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }
    }

    /** Throws the first reading that failed, if one did; the numbers would be incomplete. */
    void checkHealthy() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw new IllegalStateException("godot3 clients: reading /proc failed: " + e, e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
