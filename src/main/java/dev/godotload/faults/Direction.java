package dev.godotload.faults;

/**
 * Which way a toxic acts. Up is what users send to the server, down is what the server sends to
 * users; a toxic written without {@code up.} or {@code down.} acts both ways, each way on its own
 * (its own delay, its own byte count).
 */
public enum Direction {
    UP, DOWN, BOTH;

    /** Whether a toxic placed this way acts on the data flowing {@code way} ({@link #UP} or {@link #DOWN}). */
    public boolean covers(Direction way) {
        return this == BOTH || this == way;
    }

    /** The prefix a spec writes: {@code up.}, {@code down.}, or nothing for both ways. */
    public String prefix() {
        return switch (this) {
            case UP -> "up.";
            case DOWN -> "down.";
            case BOTH -> "";
        };
    }
}
