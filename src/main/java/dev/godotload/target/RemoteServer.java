package dev.godotload.target;

/** {@code -Dgodot.url}: a server someone else started; this run only checks it. */
final class RemoteServer implements ServerUnderTest {
    private final String url;

    RemoteServer(String url) {
        this.url = url;
    }

    @Override
    public boolean owned() {
        return false;
    }

    @Override
    public void check(TargetSettings settings, LoadProperties p) {
        RealEngines.refuseLimits(p, "a server at -Dgodot.url");
    }

    @Override
    public String start(TargetSettings settings) {
        return url;
    }

    @Override
    public String description(TargetSettings settings, String url) {
        return "the Godot server at " + url + " (Godot " + settings.version().label() + " protocol, stress mode "
                + (settings.stressMode() ? "on" : "off") + ", server relay " + (settings.serverRelay() ? "on" : "off")
                + ", as -Dgodot.stressMode and -Dgodot.serverRelay say)";
    }

    @Override
    public void close() {
    }
}
