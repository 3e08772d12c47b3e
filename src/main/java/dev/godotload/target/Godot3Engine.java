package dev.godotload.target;

import java.nio.file.Path;
import java.time.Duration;

import dev.godotload.engine.EngineUnavailableException;
import dev.godotload.engine.Godot3Server;

/** {@code -Dgodot.target=godot3}: the real Godot 3 engine running a Godot 3 server project. */
final class Godot3Engine implements ServerUnderTest {
    static final String DEFAULT_PROJECT = Godot3Server.DEFAULT_PROJECT;
    /** The engine quits by itself after this, should the run never stop it. */
    static final Duration ENGINE_LIFETIME = Duration.ofHours(3);

    private final Path project;
    private Godot3Server engine;

    Godot3Engine(Path project) {
        this.project = project;
    }

    @Override
    public String defaultVersion() {
        return "3";
    }

    @Override
    public void check(TargetSettings s, LoadProperties p) {
        if (!s.version().isGodot3()) {
            throw new IllegalArgumentException("bad -Dgodot.version='" + p.string("godot.version")
                    + "': -Dgodot.target=godot3 runs the Godot 3 engine, which speaks Godot 3");
        }
        RealEngines.refuseReferenceServerKnobs(s, p);
    }

    @Override
    public boolean owned() {
        return true;
    }

    @Override
    public synchronized String start(TargetSettings s) {
        if (engine == null) {
            try {
                engine = Godot3Server.start(new Godot3Server.Options(project, s.world().props(), s.stressMode(),
                        ENGINE_LIFETIME, RealEngines.newLog("godot3-server")), System.getenv());
            } catch (EngineUnavailableException e) {
                throw new TargetUnavailableException(e.getMessage());
            }
        }
        return engine.url();
    }

    @Override
    public synchronized String description(TargetSettings s, String url) {
        return "the real Godot 3 engine running " + project + " at " + url + " (stress mode " + (s.stressMode() ? "on" : "off")
                + ", " + s.world().props() + " props" + (engine != null ? ", pid " + engine.pid() + ", log " + engine.logFile() : "")
                + ")";
    }

    @Override
    public synchronized void close() {
        if (engine != null) {
            engine.close();
            RealEngines.keepNextToReport(engine.logFile(), "godot3-server.log");
            engine = null;
        }
    }
}
