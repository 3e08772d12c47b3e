package dev.godotload.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.godotload.engine.web.PackBuilder;

/**
 * Lets any Godot 4 server project that listens with {@code WebSocketMultiplayerPeer} run in the
 * browser engine, which cannot listen: the pack gets our bridge peer ({@code bridge_peer.gd}, the
 * file of {@code godot/server-godot4}), a host script that connects it to the bridge and makes it
 * the SceneTree's multiplayer peer, and the bridge's URL; the pack's {@code project.godot} lists the
 * host as its first autoload, so it is ready before the game's main scene. The game's own
 * {@code create_server} then fails and SceneMultiplayer keeps our peer. The project folder is not
 * touched: only its pack changes.
 *
 * <p>A project that connects to the bridge itself (it takes {@code --bridge URL}, as
 * {@code godot/server-godot4} does) says so in its {@code project.godot}:
 * {@code [godot_load] takes_bridge_argument=true}; it gets no injection.
 */
public final class BridgeInjection {
    /** The pack folder of what we add; a game has no reason to use this name. */
    public static final String DIR = "__godot_load_bridge__";
    public static final String AUTOLOAD_NAME = "GodotLoadBridge";
    static final String HOST = DIR + "/bridge_host.gd";
    static final String PEER = DIR + "/bridge_peer.gd";
    static final String URL = DIR + "/bridge_url.txt";
    static final String AUTOLOAD_LINE = AUTOLOAD_NAME + "=\"*res://" + HOST + "\"";

    private static final Pattern SECTION = Pattern.compile("^\\[[A-Za-z0-9_/ .-]+\\]\\s*$");
    private static final Pattern TAKES_BRIDGE_ARGUMENT = Pattern.compile("^takes_bridge_argument\\s*=\\s*true\\s*$");

    private BridgeInjection() {
    }

    /** Whether the pack's project declares {@code [godot_load] takes_bridge_argument=true}. */
    public static boolean takesBridgeArgument(PackBuilder pack) {
        String section = "";
        for (String line : projectGodot(pack).split("\r?\n")) {
            String l = line.strip();
            if (SECTION.matcher(l).matches()) {
                section = l;
            } else if (section.equals("[godot_load]") && TAKES_BRIDGE_ARGUMENT.matcher(l).matches()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds the bridge peer, its host autoload and {@code engineUrl} to the pack.
     *
     * @throws IllegalArgumentException one line: the project already has an autoload of our name
     */
    public static PackBuilder inject(PackBuilder pack, String engineUrl) {
        String projectGodot = projectGodot(pack);
        pack.add("project.godot", withFirstAutoload(projectGodot).getBytes(StandardCharsets.UTF_8));
        pack.add(HOST, resource("bridge_host.gd"));
        pack.add(PEER, resource("bridge_peer.gd"));
        pack.add(URL, (engineUrl + "\n").getBytes(StandardCharsets.UTF_8));
        return pack;
    }

    /** {@code project.godot} with our host first in {@code [autoload]} (the section added when missing). */
    static String withFirstAutoload(String projectGodot) {
        List<String> lines = new ArrayList<>(List.of(projectGodot.split("\r?\n", -1)));
        boolean inAutoload = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (SECTION.matcher(l).matches()) {
                inAutoload = l.equals("[autoload]");
                if (inAutoload) {
                    lines.add(i + 1, "");
                    lines.add(i + 2, AUTOLOAD_LINE);
                    i += 2;
                }
            } else if (inAutoload && l.startsWith(AUTOLOAD_NAME + "=")) {
                throw new IllegalArgumentException("the project already has an autoload named " + AUTOLOAD_NAME
                        + ", the name godot-load gives its bridge");
            }
        }
        if (lines.contains(AUTOLOAD_LINE)) {
            return String.join("\n", lines);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        lines.addAll(List.of("", "[autoload]", "", AUTOLOAD_LINE));
        return String.join("\n", lines) + "\n";
    }

    private static String projectGodot(PackBuilder pack) {
        byte[] b = pack.get("project.godot");
        if (b == null) {
            throw new IllegalArgumentException("the pack has no project.godot");
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) {
        try (InputStream in = BridgeInjection.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
