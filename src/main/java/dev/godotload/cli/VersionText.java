package dev.godotload.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import dev.godotload.engine.web.GodotWebTemplate;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code godot-load --version}: this build's version, read from the {@code pom.properties} that Maven
 * packs into the jar (so the pom stays the one place it is written), and the engine the jar runs.
 */
final class VersionText implements IVersionProvider {
    static final String POM_PROPERTIES = "/META-INF/maven/dev.godotload/godot-load/pom.properties";

    @Override
    public String[] getVersion() {
        return new String[] {
            "godot-load " + version(),
            "protocols: Godot 3.x and 4.0 to 4.6; godot4 runs Godot " + GodotWebTemplate.ENGINE_VERSION + " (web template)",
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")"};
    }

    /** The jar's version; outside a packaged jar (classes run from target/classes) there is none. */
    static String version() {
        try (InputStream in = VersionText.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "(unknown version)");
            }
        } catch (IOException e) {
            // below
        }
        return "(development build, not from a packaged jar)";
    }
}
