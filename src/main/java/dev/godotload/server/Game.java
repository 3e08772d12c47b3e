package dev.godotload.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The game the reference server serves: {@code serve --game}, {@code -Dgodot.game}. */
public enum Game {
    /**
     * The contract's four nodes, {@code Main/Chat}, {@code Main/World} (with its SQLite world),
     * {@code Main/Avatars} and {@code Main/Stats}: what every bundled simulation drives. The default.
     */
    SOCIAL("social", "chat, the prop world, avatars and stats: the bundled simulations' game"),
    /**
     * {@code godot/plaza-godot4}: a player spawned for every peer through a {@code MultiplayerSpawner},
     * its pose streamed by its own peer through a {@code MultiplayerSynchronizer}. No RPCs, no world,
     * and so no {@code Main/Stats}. Godot 4 only.
     */
    PLAZA("plaza", "a player spawned for every peer and synchronized by it, as godot/plaza-godot4");

    public static final Game DEFAULT = SOCIAL;

    private final String label;
    private final String summary;

    Game(String label, String summary) {
        this.label = label;
        this.summary = summary;
    }

    /** Its name on a command line. */
    public String label() {
        return label;
    }

    /** One phrase for a banner. */
    public String summary() {
        return summary;
    }

    /** Whether it has the prop world (its SQLite store, {@code --db}, {@code --props}, {@code --fault}). */
    public boolean hasWorld() {
        return this == SOCIAL;
    }

    /** @throws IllegalArgumentException naming the choices, e.g. "expected social or plaza" */
    public static Game parse(String text) {
        for (Game g : values()) {
            if (g.label.equals(text.toLowerCase(Locale.ROOT))) {
                return g;
            }
        }
        throw new IllegalArgumentException("expected " + choices());
    }

    /** "social or plaza". */
    public static String choices() {
        String[] labels = Arrays.stream(values()).map(Game::label).toArray(String[]::new);
        return Arrays.stream(labels, 0, labels.length - 1).collect(Collectors.joining(", ")) + " or " + labels[labels.length - 1];
    }
}
