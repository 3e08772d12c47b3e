package dev.godotload.target;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** What the real-engine targets share: where the engine's output goes, and knobs they cannot honour. */
final class RealEngines {
    private RealEngines() {
    }

    /** Where a real engine's output goes during the run: {@code target/<name>-<time>.log}. */
    static Path newLog(String name) {
        return Path.of("target", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".log");
    }

    /** Copies the engine's log next to the report of the run going on (the newest run folder). */
    static void keepNextToReport(Path log, String name) {
        Path folder = ReportFolder.current();
        try {
            Files.copy(log, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            System.out.println("godot-load: the engine's log is in " + folder.resolve(name));
        } catch (IOException e) {
            System.err.println("godot-load: the engine's log stays in " + log + " (" + e.getMessage() + ")");
        }
    }

    static void refuseReferenceServerKnobs(TargetSettings s, LoadProperties p) {
        if (p.string("godot.db") != null || p.string("godot.fault") != null) {
            throw new IllegalArgumentException("-Dgodot.db and -Dgodot.fault are for the reference server, not a real engine");
        }
        refuseLimits(p, "a real engine");
        if (!s.serverRelay()) {
            throw new IllegalArgumentException("-Dgodot.serverRelay=off is for the reference server or a server of yours: "
                    + "the bundled GDScript servers keep Godot's default, server relay on");
        }
    }

    /** The limits are the embedded reference server's; another server has its own (serve: --max-peers, --max-msgs-per-sec). */
    static void refuseLimits(LoadProperties p, String what) {
        if (p.string("godot.maxPeers") != null || p.string("godot.maxMsgsPerSec") != null) {
            throw new IllegalArgumentException("-Dgodot.maxPeers and -Dgodot.maxMsgsPerSec are for the embedded reference server, not "
                    + what + " (serve takes --max-peers and --max-msgs-per-sec)");
        }
    }
}
