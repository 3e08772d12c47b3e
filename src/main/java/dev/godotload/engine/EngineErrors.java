package dev.godotload.engine;

import java.util.List;

/**
 * The engine error lines of a run that nobody expected ({@code ERROR: …}, {@code SCRIPT ERROR: …},
 * each with its {@code at:} line): how many, and the text of the first {@value #KEPT}.
 */
public record EngineErrors(long count, List<String> first) {
    public static final int KEPT = 100;
    /** How many texts the closing line shows. */
    static final int SHOWN = 3;

    public EngineErrors {
        first = List.copyOf(first);
    }

    /** One line for the console: {@code godot-load: engine errors: N}, then the first few. */
    public String summary() {
        StringBuilder s = new StringBuilder("godot-load: engine errors: ").append(count);
        if (count > 0) {
            s.append(" (first: ").append(String.join(" | ", first.subList(0, Math.min(SHOWN, first.size()))));
            s.append(count > SHOWN ? " | …)" : ")");
        }
        return s.toString();
    }
}
