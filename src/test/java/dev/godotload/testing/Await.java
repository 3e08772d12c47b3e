package dev.godotload.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling for a state no event announces (e.g. a buffer released on another thread). */
public final class Await {
    private Await() {
    }

    public static void until(String what, BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(5);
        }
    }
}
