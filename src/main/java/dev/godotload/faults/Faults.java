package dev.godotload.faults;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A run's bad network: the toxics, in the order they act on each chunk, and the fraction of users
 * whose connections go through them ({@code -Dgodot.faults}, {@code -Dgodot.faults.users}).
 */
public record Faults(List<Toxic> toxics, double users) {

    public Faults {
        toxics = List.copyOf(toxics);
        if (toxics.isEmpty()) {
            throw new IllegalArgumentException("at least one toxic");
        }
        if (!(users > 0 && users <= 1)) {
            throw new IllegalArgumentException("a fraction of users above 0 and at most 1");
        }
    }

    /**
     * Whether user {@code k} (0, 1, 2, ... in the order users connect) goes through the proxy.
     * Spread evenly and the same every run: user k does when floor((k+1)f) > floor(kf), so of the
     * first n users exactly floor(nf) do, and with f = 0.2 they are users 4, 9, 14, ...
     */
    public boolean affects(long k) {
        Objects.checkIndex(k, Long.MAX_VALUE);
        return Math.floor((k + 1) * users) > Math.floor(k * users);
    }

    /** The toxics acting on data flowing {@code way} ({@link Direction#UP} or {@link Direction#DOWN}), in order. */
    public List<Toxic> acting(Direction way) {
        if (way == Direction.BOTH) {
            throw new IllegalArgumentException("one way: UP or DOWN");
        }
        return toxics.stream().filter(t -> t.direction().covers(way)).toList();
    }

    /** The toxics as {@code -Dgodot.faults} writes them, e.g. {@code latency:80ms:20ms,bandwidth:256kbps}. */
    public String spec() {
        return toxics.stream().map(Toxic::spec).collect(Collectors.joining(","));
    }
}
