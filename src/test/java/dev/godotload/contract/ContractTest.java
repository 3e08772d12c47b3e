package dev.godotload.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.godotload.wire.variant.VariantType;

class ContractTest {

    @Test
    void bundledContractGivesTheIdsAndChecksumsOfContractMd() {
        Contract c = Contract.bundled();
        assertThat(c.nodes()).extracting(NodeSpec::path)
                .containsExactly("Main/Chat", "Main/World", "Main/Avatars", "Main/Stats");
        assertThat(c.node("Main/Chat").names()).containsExactly("receive_message", "send_message");
        assertThat(c.node("Main/World").names()).containsExactly("edit_applied", "edit_rejected", "merge_world",
                "receive_state", "request_state", "world_changed");
        assertThat(c.node("Main/Chat").methodsMd5()).isEqualTo("9873620e1a4cd5f998277279495460f3");
        assertThat(c.node("Main/World").methodsMd5()).isEqualTo("e399c95ccbe2241cadd3c02ccd1296c3");
        assertThat(c.node("Main/Avatars").methodsMd5()).isEqualTo("cdcee90394024725233f3c9e46cd8a84");
        assertThat(c.node("Main/Stats").methodsMd5()).isEqualTo("9b2718097db3bb3ebdc4b8dffcf666fb");
        assertThat(c.node("Main/Chat").methodId("send_message")).isEqualTo(1);
        assertThat(c.node("Main/Chat").rpc("send_message").mode()).isEqualTo(RpcMode.ANY_PEER);
        assertThat(c.node("Main/Chat").rpc("receive_message").mode()).isEqualTo(RpcMode.AUTHORITY);
        assertThat(c.node("Main/World").rpc("merge_world").parameters())
                .containsExactly(VariantType.INT, VariantType.PACKED_INT32_ARRAY);
    }

    @Test
    void argumentErrorsNameTheMethodAndTheType() {
        RpcSpec send = Contract.bundled().node("Main/Chat").rpc("send_message");
        assertThat(send.argumentError(List.of("hi", 1L, 2L))).isNull();
        assertThat(send.argumentError(List.of("hi", 1L))).isEqualTo("send_message takes 3 arguments, got 2");
        assertThat(send.argumentError(List.of(5L, 1L, 2L))).isEqualTo("send_message argument 1 must be String, got int");
        assertThat(send.signature()).isEqualTo("send_message(String, int, int)");
    }

    @Test
    void unknownNamesAreOneLineErrorsThatListWhatExists() {
        Contract c = Contract.bundled();
        assertThatThrownBy(() -> c.node("Main/Nope")).hasMessage(
                "the contract has no node 'Main/Nope'; it has [Main/Chat, Main/World, Main/Avatars, Main/Stats]");
        assertThatThrownBy(() -> c.node("Main/Chat").methodId("shout"))
                .hasMessage("Main/Chat has no RPC 'shout'; its RPCs are [receive_message, send_message]");
    }

    @Test
    void malformedDescriptionsAreRefusedWithTheirLocation() {
        assertThatThrownBy(() -> parse("{\"nodes\": 3}")).hasMessage("contract t.json: needs a \"nodes\" array");
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"path\": \"A\", \"rpcs\": [{\"name\": \"f\", \"mode\": \"any\"}]}]}"))
                .hasMessage("contract t.json: A.f: unknown rpc mode 'any': use any_peer, authority or disabled");
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"path\": \"A\", \"rpcs\": [{\"name\": \"f\", \"mode\": \"any_peer\","
                + " \"args\": [\"integer\"]}]}]}"))
                .hasMessageStartingWith("contract t.json: A.f: unknown argument type 'integer'");
        assertThatThrownBy(() -> parse("{\"nodes\": [{\"path\": \"/root/A\", \"rpcs\": []}]}"))
                .hasMessageContaining("must be relative to the multiplayer root");
        assertThatThrownBy(() -> parse("{\"nodes\": [")).hasMessageStartingWith("contract t.json: not JSON: ");
        assertThatThrownBy(() -> Contract.load("no-such-contract.json"))
                .hasMessage("contract no-such-contract.json: no such file or classpath resource");
    }

    @Test
    void aFilePathWinsOverTheClasspath(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("mine.json");
        Files.writeString(f, "{\"nodes\": [{\"path\": \"Game/Lobby\", \"rpcs\": ["
                + "{\"name\": \"join\", \"mode\": \"any_peer\", \"args\": [\"String\", \"Variant\"]}]}]}");
        Contract c = Contract.load(f.toString());
        assertThat(c.node("Game/Lobby").rpc("join").parameters()).containsExactly(VariantType.STRING, null);
        assertThat(c.node("Game/Lobby").rpc("join").argumentError(List.of("x", List.of()))).isNull();
    }

    private static Contract parse(String json) throws IOException {
        return Contract.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "t.json");
    }
}
