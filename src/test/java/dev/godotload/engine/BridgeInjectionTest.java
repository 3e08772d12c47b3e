package dev.godotload.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.godotload.engine.web.GodotProject;
import dev.godotload.engine.web.PackBuilder;

/** What the injection adds to a pack, and which projects get it. */
class BridgeInjectionTest {
    private static final String URL = "ws://127.0.0.1:40123/";

    @Test
    void aProjectWithoutAutoloadsGetsTheSectionWithOurHost() {
        String out = BridgeInjection.withFirstAutoload("config_version=5\n\n[application]\n\nconfig/name=\"X\"\n\n");
        assertThat(out).isEqualTo("config_version=5\n\n[application]\n\nconfig/name=\"X\"\n\n[autoload]\n\n"
                + "GodotLoadBridge=\"*res://__godot_load_bridge__/bridge_host.gd\"\n");
    }

    @Test
    void ourHostComesFirstAndTheGamesAutoloadsStayInTheirOrder() {
        String in = "config_version=5\n\n[autoload]\n\nLobby=\"*res://lobby.gd\"\nScore=\"*res://score.gd\"\n\n[rendering]\n\nx=1\n";
        String out = BridgeInjection.withFirstAutoload(in);
        assertThat(out).isEqualTo("config_version=5\n\n[autoload]\n\nGodotLoadBridge=\"*res://__godot_load_bridge__/bridge_host.gd\"\n\n"
                + "Lobby=\"*res://lobby.gd\"\nScore=\"*res://score.gd\"\n\n[rendering]\n\nx=1\n");
    }

    @Test
    void anAutoloadOfOurNameIsOneLine() {
        assertThatThrownBy(() -> BridgeInjection.withFirstAutoload("[autoload]\nGodotLoadBridge=\"*res://mine.gd\"\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the project already has an autoload named GodotLoadBridge, the name godot-load gives its bridge");
    }

    @Test
    void thePackGetsTheServersBridgePeerTheHostAndTheUrlAndTheFolderStaysAsItWas() throws Exception {
        Path plaza = Path.of("godot", "plaza-godot4");
        String before = Files.readString(plaza.resolve("project.godot"));
        PackBuilder pack = PackBuilder.fromProject(GodotProject.openGodot4(plaza));
        Map<String, byte[]> game = Map.copyOf(pack.files());
        BridgeInjection.inject(pack, URL);

        assertThat(pack.files().keySet()).containsAll(game.keySet()).contains("__godot_load_bridge__/bridge_host.gd",
                "__godot_load_bridge__/bridge_peer.gd", "__godot_load_bridge__/bridge_url.txt");
        assertThat(pack.files()).hasSize(game.size() + 3);
        assertThat(pack.get("__godot_load_bridge__/bridge_peer.gd"))
                .isEqualTo(Files.readAllBytes(Path.of("godot", "server-godot4", "bridge_peer.gd")));
        assertThat(new String(pack.get("__godot_load_bridge__/bridge_url.txt"), StandardCharsets.UTF_8)).isEqualTo(URL + "\n");
        assertThat(new String(pack.get("__godot_load_bridge__/bridge_host.gd"), StandardCharsets.UTF_8))
                .contains("preload(\"res://__godot_load_bridge__/bridge_peer.gd\")", "\"res://__godot_load_bridge__/bridge_url.txt\"");
        assertThat(new String(pack.get("project.godot"), StandardCharsets.UTF_8)).isEqualTo(BridgeInjection.withFirstAutoload(before));
        for (String path : game.keySet()) {
            if (!path.equals("project.godot")) {
                assertThat(pack.get(path)).as(path).isEqualTo(game.get(path));
            }
        }
        assertThat(Files.readString(plaza.resolve("project.godot"))).isEqualTo(before);
    }

    @Test
    void onlyAProjectThatDeclaresItTakesTheBridgeArgument() {
        assertThat(BridgeInjection.takesBridgeArgument(packOf(Path.of("godot", "server-godot4")))).isTrue();
        assertThat(BridgeInjection.takesBridgeArgument(packOf(Path.of("godot", "plaza-godot4")))).isFalse();
        PackBuilder elsewhere = new PackBuilder().add("project.godot",
                "[application]\ntakes_bridge_argument=true\n[godot_load]\ntakes_bridge_argument=false\n".getBytes(StandardCharsets.UTF_8));
        assertThat(BridgeInjection.takesBridgeArgument(elsewhere)).isFalse();
    }

    private static PackBuilder packOf(Path dir) {
        return PackBuilder.fromProject(GodotProject.openGodot4(dir));
    }
}
