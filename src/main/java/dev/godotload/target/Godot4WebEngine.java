package dev.godotload.target;

import java.nio.file.Path;

import dev.godotload.engine.EngineErrors;
import dev.godotload.engine.EngineUnavailableException;
import dev.godotload.engine.Godot4WebServer;

/**
 * {@code -Dgodot.target=godot4-web}: the real Godot 4.6 engine (web template, headless Chromium)
 * running a Godot 4 server project behind an {@link dev.godotload.engine.EngineBridge}: the bundled
 * {@code godot/server-godot4}, or any other with {@code -Dgodot.project} (the bridge injected). Its
 * close prints the engine's unexpected error lines ({@code godot-load: engine errors: N}).
 */
final class Godot4WebEngine implements ServerUnderTest {
    static final String DEFAULT_PROJECT = Godot4WebServer.DEFAULT_PROJECT;

    private final Path project;
    private Godot4WebServer web;

    Godot4WebEngine(Path project) {
        this.project = project;
    }

    @Override
    public String defaultVersion() {
        return "4.6";
    }

    @Override
    public void check(TargetSettings s, LoadProperties p) {
        if (s.version().isGodot3() || !s.version().confirmsPathById()) {
            throw new IllegalArgumentException("bad -Dgodot.version='" + p.string("godot.version")
                    + "': -Dgodot.target=godot4-web runs Godot 4.6, which speaks the 4.3+ protocol");
        }
        RealEngines.refuseReferenceServerKnobs(s, p);
        if (s.authToken() != null || s.subprotocol() != null) {
            throw new IllegalArgumentException("-Dgodot.authToken and -Dgodot.subprotocol are not set up in godot/server-godot4");
        }
    }

    @Override
    public boolean owned() {
        return true;
    }

    @Override
    public synchronized String start(TargetSettings s) {
        if (web == null) {
            try {
                web = Godot4WebServer.start(new Godot4WebServer.Options(project, s.world().props(), s.stressMode(),
                        RealEngines.newLog("godot4-web-server")), System.getenv());
            } catch (EngineUnavailableException e) {
                throw new TargetUnavailableException(e.getMessage());
            }
        }
        return web.url();
    }

    @Override
    public synchronized String description(TargetSettings s, String url) {
        return "the real Godot 4.6 engine (web template, headless Chromium) running " + project + " behind a bridge at "
                + url + (web != null ? " (" + web.description() + "; log " + web.logFile() + ")" : "");
    }

    @Override
    public synchronized EngineErrors engineErrors() {
        return web == null ? null : web.engineErrors();
    }

    @Override
    public synchronized void close() {
        if (web != null) {
            web.close();
            System.out.println(web.engineErrors().summary());
            RealEngines.keepNextToReport(web.logFile(), "godot4-web-server.log");
            web = null;
        }
    }
}
