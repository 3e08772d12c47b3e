package dev.godotload.server.multiplayer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.godotload.server.node.ChatNode;
import dev.godotload.testing.FakeTimers;
import dev.godotload.wire.GodotVersion;

class NodeRegistryTest {

    /** A game's root script: it hears peers come and go, and has no RPCs. */
    private static final class WithoutRpcs extends RecordingNode {
        WithoutRpcs(String path) {
            super(path);
        }

        @Override
        public boolean servesRpcs() {
            return false;
        }
    }

    private static ServerNode node(String path) {
        return new RecordingNode(path);
    }

    @Test
    void servesEachRegisteredPath() {
        ChatNode chat = new ChatNode(true);
        NodeRegistry r = new NodeRegistry(ServerHarness.CONTRACT, List.of(chat, node("Main/World")));
        assertThat(r.node("Main/Chat")).isSameAs(chat);
        assertThat(r.node("Main/Avatars")).isNull();
        assertThat(r.nodes()).hasSize(2);
    }

    @Test
    void aNodeOutsideTheContractFailsInOneLine() {
        assertThatThrownBy(() -> new NodeRegistry(ServerHarness.CONTRACT, List.of(node("Main/Lobby"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("server node Main/Lobby (RecordingNode) is not in the contract, which has "
                        + "[Main/Chat, Main/World, Main/Avatars, Main/Stats]");
        assertThatThrownBy(() -> new SceneMultiplayerServer(ServerSettings.defaults(ServerHarness.CONTRACT),
                new FakeTimers(), List.of(node("/root/Main/Chat")))).hasMessageContaining("is not in the contract");
    }

    @Test
    void aNodeWithoutRpcsNeedsNoContractEntryAndTakesNoCalls() {
        RecordingNode root = new WithoutRpcs("Main");
        NodeRegistry r = new NodeRegistry(ServerHarness.CONTRACT, List.of(root));
        assertThat(r.serves("Main")).isTrue();
        assertThat(r.node("Main")).as("no RPC reaches it").isNull();
        assertThat(r.nodes()).containsExactly(root);

        assertThatThrownBy(() -> new NodeRegistry(ServerHarness.CONTRACT, List.of(new WithoutRpcs("Main/Chat")))).hasMessage(
                "server node Main/Chat (WithoutRpcs) serves no RPCs, but the contract gives it [receive_message, send_message]");
    }

    @Test
    void aPathServedTwiceFails() {
        assertThatThrownBy(() -> new NodeRegistry(ServerHarness.CONTRACT, List.of(new ChatNode(true), node("Main/Chat"))))
                .hasMessage("node Main/Chat is served twice: by ChatNode and RecordingNode");
    }

    @Test
    void nodesAreAttachedToTheHostBeforeAnyPeer() {
        RecordingNode watcher = new RecordingNode("Main/Stats");
        SceneMultiplayerServer server = new SceneMultiplayerServer(ServerSettings.defaults(ServerHarness.CONTRACT),
                new FakeTimers(), List.of(watcher));
        assertThat(watcher.hosts).containsExactly(server.host());
        assertThat(server.host().peers()).isEmpty();
        assertThat(server.host().counters()).isSameAs(server.counters());
    }

    @Test
    void settingsDefaultAndRefuseWhatGodotCannotDo() {
        ServerSettings s = ServerSettings.defaults(ServerHarness.CONTRACT);
        assertThat(s.version()).isEqualTo(GodotVersion.GODOT_4_3);
        assertThat(s.stressMode()).isTrue();
        assertThat(s.requiresAuth()).isFalse();
        assertThat(s.authTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.withAuthToken("pw").toString()).contains("auth=token").doesNotContain("pw");
        assertThat(s.withVersion(GodotVersion.GODOT_3).version()).isEqualTo(GodotVersion.GODOT_3);
        assertThatThrownBy(() -> s.withAuthToken("pw").withVersion(GodotVersion.GODOT_3))
                .hasMessage("Godot 3 has no authentication: an auth token needs Godot 4");
        assertThatThrownBy(() -> s.withVersion(GodotVersion.GODOT_3).withAuthToken("pw"))
                .hasMessage("Godot 3 has no authentication: an auth token needs Godot 4");
        assertThatThrownBy(() -> s.withAuthToken("")).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> s.withAuthTimeout(Duration.ofSeconds(-1))).hasMessageContaining("negative");
    }
}
